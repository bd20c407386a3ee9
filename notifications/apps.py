from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from protocol_portal.core.policies import register_visibility

        from .models import Notice
        from .selectors import notices_visible_to

        register_visibility(Notice, notices_visible_to)
