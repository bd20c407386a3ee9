"""Retention handlers contributed by each app (registered in AppConfig.ready).

A new record type joins the retention schedule without changes here; the
subject-access export needs no registration (see providers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class RetentionHandler:
    record_type: str
    label: str
    # Records of this type in the council that closed before the cutoff date.
    closed_before: Callable[[Any, date], QuerySet]
    # Strip personal data from one record (keeps the record's existence and statistics).
    anonymise: Callable[..., None]
    # Remove one record entirely.
    delete: Callable[..., None]


_retention: dict[str, RetentionHandler] = {}


def register_retention(handler: RetentionHandler) -> None:
    _retention[handler.record_type] = handler


def retention_handlers() -> dict[str, RetentionHandler]:
    return dict(_retention)


def retention_choices() -> list[tuple[str, str]]:
    return [(key, handler.label) for key, handler in sorted(_retention.items())]
