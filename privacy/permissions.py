"""Data-protection work belongs to a council's administrators and its Monitoring Officer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from roles.models import Council
from roles.permissions import admin_council_ids, monitoring_officer_council_ids


def privacy_council_ids(user: Any) -> set[int]:
    return admin_council_ids(user) | monitoring_officer_council_ids(user)


def privacy_check(user: Any, council: Council) -> None:
    if council.pk not in privacy_council_ids(user):
        raise PermissionDenied("Only the council's administrators and Monitoring Officer handle data protection.")


def privacy_records_visible_to(model: type[Model]) -> Callable[[Any], QuerySet]:
    def visible_to(user: Any) -> QuerySet:
        return model._default_manager.filter(council_id__in=privacy_council_ids(user))

    return visible_to
