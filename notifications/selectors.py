from typing import Any

from django.db.models import QuerySet

from .models import Notice


def notices_visible_to(user: Any) -> QuerySet[Notice]:
    if not (user and user.is_authenticated):
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user)


def notices_unread_count(*, user: Any) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
