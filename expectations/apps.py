from django.apps import AppConfig


class ExpectationsConfig(AppConfig):
    name = "expectations"
    verbose_name = "Expectation catalogue"

    def ready(self) -> None:
        from protocol_portal.core import worklist
        from protocol_portal.core.policies import register_visibility

        from . import models, permissions
        from .worklist import protocol_queues

        worklist.register(protocol_queues)

        register_visibility(models.Theme, permissions.themes_visible_to)
        register_visibility(models.ProtocolDocument, permissions.documents_visible_to)
        register_visibility(models.Clause, permissions.clauses_visible_to)
        register_visibility(models.Acknowledgement, permissions.acknowledgements_visible_to)

    def load_reference_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_protocols

        load_protocols(actor=actor, stdout=stdout)
