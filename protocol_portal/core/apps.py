from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces every app uses: audit, policies, files, working days."""

    name = "protocol_portal.core"
    label = "core"

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_m2m_records, post_create_historical_record

        from . import checks  # noqa: F401 - registers the deployment checks
        from .audit_chain import on_history_m2m_rows_created, on_history_row_created

        post_create_historical_record.connect(on_history_row_created, dispatch_uid="audit-chain-seal")
        post_create_historical_m2m_records.connect(on_history_m2m_rows_created, dispatch_uid="audit-chain-seal-m2m")
