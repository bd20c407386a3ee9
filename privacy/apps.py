from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """UK GDPR: subject-access exports and retention schedules with legal holds."""

    name = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from protocol_portal.core.policies import register_visibility

        from . import permissions
        from .models import LegalHold, RetentionLogEntry, RetentionRule, SubjectAccessExport

        for model in (RetentionRule, LegalHold, RetentionLogEntry, SubjectAccessExport):
            register_visibility(model, permissions.privacy_records_visible_to(model))
