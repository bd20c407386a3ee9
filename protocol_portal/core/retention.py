"""The retention registry: each app registers how its record types are kept, anonymised or removed.

An app calls ``register_retention(RetentionHandler(...))`` in its ``AppConfig.ready()``; the privacy app's
schedule runs every registered handler against each council's retention rules (and legal holds). The
subject-access export needs no registration (see ``privacy/providers.py``). ``anonymise_record`` and
``delete_record`` scrub a record together with its audit history, leaving keyed redaction records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet

from .audit_chain import redact_history_row

REMOVED = "[removed under the retention schedule]"


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


def anonymise_record(record: models.Model, *, fields: dict[str, Any], reason: str) -> None:
    """Overwrite personal fields on the record and on every history row of it."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(record, name, value)
        record._change_reason = reason  # type: ignore[attr-defined]
        record.save(update_fields=list(fields))
        history = record.history  # type: ignore[attr-defined]
        for row in history.all():
            for name, value in fields.items():
                setattr(row, name, value)
            row.save(update_fields=list(fields))
            redact_history_row(row, reason=reason)


def delete_record(record: models.Model, *, reason: str) -> None:
    """Delete the record and its history rows; the retention log keeps that it existed."""
    with transaction.atomic():
        history_model = record.history.model  # type: ignore[attr-defined]
        pk = record.pk
        record.delete()  # writes a final "deleted" history row, removed with the rest below
        for row in history_model.objects.filter(**{record._meta.pk.attname: pk}):
            redact_history_row(row, reason=reason, remove=True)
            row.delete()
