"""History rows as people read them: field labels, choice labels and the names of linked records, never raw ids."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models


def _display(field: models.Field | None, value: Any, names: dict[tuple[type, Any], str]) -> Any:
    if value in (None, ""):
        return value
    if field is None:
        return value
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), f"(removed record {value})")  # type: ignore[arg-type]
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    return value


def history_change_rows(model: type[models.Model], pairs: list[tuple[Any, Any]]) -> list[list[tuple[str, Any, Any]]]:
    """For each (record, previous) pair, the changes as (label, old, new); one query per linked model."""
    deltas = [record.diff_against(previous).changes if previous is not None else [] for record, previous in pairs]
    wanted: dict[Any, set[Any]] = defaultdict(set)
    fields: dict[str, models.Field | None] = {}
    for changes in deltas:
        for change in changes:
            try:
                field = model._meta.get_field(change.field)
            except Exception:  # noqa: BLE001 - a field since removed from the model
                field = None
            fields[change.field] = field  # type: ignore[assignment]
            if isinstance(field, models.ForeignKey):
                for value in (change.old, change.new):
                    if value not in (None, ""):
                        wanted[field.related_model].add(value)  # type: ignore[index]
    names: dict[tuple[type, Any], str] = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    rows = []
    for changes in deltas:
        row = []
        for change in changes:
            field = fields.get(change.field)
            label = str(field.verbose_name).capitalize() if field is not None else change.field
            row.append((label, _display(field, change.old, names), _display(field, change.new, names)))
        rows.append(row)
    return rows
