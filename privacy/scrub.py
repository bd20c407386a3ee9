"""Anonymise or remove a record together with its audit history, leaving keyed redaction records."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from protocol_portal.core.audit_chain import redact_history_row

REMOVED = "[removed under the retention schedule]"


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
