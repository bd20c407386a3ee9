"""Find everything held about a person in one council, by following foreign keys.

Every model with a foreign key to a person is searched, and so is every history
table, so records added by any app are in the export without extra code. Rows are
limited to the council being asked about, found through the model's path to a
Council (``council``, ``office__council``, ``document__council``...).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

from roles.models import Council

SKIP_APPS = {"admin", "sessions", "contenttypes", "auth", "authtoken", "knox", "axes", "django_celery_beat", "guardian"}
SECRET_FIELDS = {"password", "session_salt", "key"}


def council_path(model: type[models.Model], max_depth: int = 3) -> str | None:
    """The shortest foreign-key path from ``model`` to a Council, e.g. ``office__council``."""
    if model is Council:
        return "pk"
    queue: deque[tuple[type[models.Model], str, int]] = deque([(model, "", 0)])
    seen = {model}
    while queue:
        current, prefix, depth = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.is_relation and field.many_to_one and field.related_model):
                continue
            path = f"{prefix}{field.name}"
            if field.related_model is Council:
                return path
            related = field.related_model
            if depth + 1 < max_depth and related not in seen and isinstance(related, type):
                seen.add(related)
                queue.append((related, f"{path}__", depth + 1))
    return None


def person_fields(model: type[models.Model]) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f.name
        for f in model._meta.get_fields()
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is user_model and f.concrete
    ]


def person_field_names(label: str) -> list[str]:
    """The person fields of the model with this label (for listing third parties in an export)."""
    return person_fields(apps.get_model(label))


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {"model": obj._meta.label, "pk": obj.pk}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = field.value_from_object(obj)
        data[field.attname] = getattr(value, "name", value) if isinstance(field, models.FileField) else value
    return data


def records_about(person: Any, council: Council) -> dict[str, list[dict[str, Any]]]:
    """Every row in the council that names ``person`` in a person field, grouped by model."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIP_APPS or model._meta.proxy:
            continue
        fields = person_fields(model)
        path = council_path(model)
        if not fields or path is None:
            continue
        names_person = Q()
        for name in fields:
            names_person |= Q(**{name: person})
        rows = model._default_manager.filter(names_person, **{path: council}).order_by("pk")
        found = [_row(obj) for obj in rows]
        if found:
            sections[model._meta.label] = found
    return sections
