from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces every app uses: audit, policies, files, working days."""

    name = "protocol_portal.core"
    label = "core"
