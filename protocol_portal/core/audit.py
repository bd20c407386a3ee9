"""Audit helpers: every service write names who made it and why.

django-simple-history reads ``_history_user`` and ``_change_reason`` from the
instance. Requests set the user through HistoryRequestMiddleware, but services
also run from tasks and commands, so they set both explicitly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def audited_save(obj: M, *, actor: Any, reason: str, validate: bool = True) -> M:
    """Validate and save ``obj`` with a history row naming ``actor`` and ``reason``."""
    if validate:
        obj.full_clean()
    obj._history_user = actor  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()
    return obj


def apply_changes(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the given fields; return the names of those whose value changed."""
    changed = []
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed
