"""How long complaints are kept once they are finished (registered in ``ComplaintsConfig.ready``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from protocol_portal.core.files import private_files_delete_on_commit
from protocol_portal.core.retention import (
    REMOVED,
    RetentionHandler,
    anonymise_record,
    delete_record,
    register_retention,
)

from .models import Complaint
from .workflow import State

FINISHED_STATES = (State.CLOSED, State.WITHDRAWN)


def complaints_finished_before(council: Any, cutoff: date) -> QuerySet[Complaint]:
    # A finished complaint is not changed again, so its last change is when it finished.
    return Complaint.objects.filter(council=council, state__in=FINISHED_STATES, updated_at__date__lt=cutoff)


def _anonymise(record: Any, reason: str) -> None:
    for event in record.events.all():
        anonymise_record(event, fields={"text": REMOVED}, reason=reason)
    anonymise_record(record, fields={"summary": REMOVED[:200], "details": REMOVED, "outcome": ""}, reason=reason)


def _delete(record: Any, reason: str) -> None:
    attachments = list(record.attachments.all())
    for child in [*record.events.all(), *record.route.all(), *attachments]:
        delete_record(child, reason=reason)
    delete_record(record, reason=reason)
    # The evidence files go too (bucket or local folder), once the rows' removal has committed.
    private_files_delete_on_commit([attachment.file.name for attachment in attachments])


def register_retention_handlers() -> None:
    register_retention(
        RetentionHandler(
            record_type="complaint",
            label="Complaints (after they are closed or withdrawn)",
            closed_before=complaints_finished_before,
            anonymise=_anonymise,
            delete=_delete,
        )
    )
