from django.apps import AppConfig


class AccessRequestsConfig(AppConfig):
    name = "access_requests"
    verbose_name = "Information-access requests"

    def ready(self) -> None:
        from protocol_portal.core import worklist
        from protocol_portal.core.policies import register_visibility

        from . import models, permissions, retention
        from .worklist import access_request_queues

        worklist.register(access_request_queues)

        for model in (models.Meeting, models.AgendaItem):
            register_visibility(model, permissions.meetings_visible_to(model))
        register_visibility(models.Document, permissions.documents_visible_to)
        register_visibility(models.AccessRule, permissions.access_rules_visible_to)
        register_visibility(models.AccessPolicy, permissions.access_policies_visible_to)
        register_visibility(models.AccessRequest, permissions.access_requests_visible_to)
        register_visibility(models.Grant, permissions.grants_visible_to)
        register_visibility(models.AccessLogEntry, permissions.access_log_visible_to)
        retention.register_retention_handlers()

    def load_reference_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_access_rules

        load_access_rules(actor=actor, stdout=stdout)

    def load_demo_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_demo_documents

        load_demo_documents(actor=actor, stdout=stdout)
