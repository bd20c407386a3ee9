from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Councils and roles"

    def ready(self) -> None:
        from protocol_portal.core.policies import register_visibility

        from . import models, permissions, retention

        for model in (
            models.Council,
            models.Office,
            models.Appointment,
            models.PoliticalGroup,
            models.GroupMembership,
            models.Ward,
            models.WardMembership,
            models.Committee,
            models.CommitteeMembership,
        ):
            register_visibility(model, permissions.public_records_visible_to(model))
        register_visibility(models.Person, permissions.people_visible_to)
        retention.register_retention_handlers()
        register_visibility(models.RelationshipDeclaration, permissions.relationship_declarations_visible_to)
        register_visibility(models.InterestDeclaration, permissions.interest_declarations_visible_to)

    def load_reference_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_councils

        load_councils(actor=actor, stdout=stdout)

    def load_demo_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_demo_people

        load_demo_people(actor=actor, stdout=stdout)
