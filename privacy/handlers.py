"""Retention handlers for the record types the portal holds."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from protocol_portal.core.files import private_files_delete_on_commit
from roles.models import Council, InterestDeclaration, RelationshipDeclaration

from .registry import RetentionHandler, register_retention
from .scrub import REMOVED, anonymise_record, delete_record


def _ended_before(model: Any) -> Any:
    def closed_before(council: Council, cutoff: date) -> QuerySet:
        return model.objects.filter(council=council, end_date__lt=cutoff)

    return closed_before


def register_roles_handlers() -> None:
    register_retention(
        RetentionHandler(
            record_type="relationship_declaration",
            label="Close personal relationship declarations (after they end)",
            closed_before=_ended_before(RelationshipDeclaration),
            anonymise=lambda record, reason: anonymise_record(record, fields={"details": REMOVED}, reason=reason),
            delete=lambda record, reason: delete_record(record, reason=reason),
        )
    )
    register_retention(
        RetentionHandler(
            record_type="interest_declaration",
            label="Registered interests (after they end)",
            closed_before=_ended_before(InterestDeclaration),
            anonymise=lambda record, reason: anonymise_record(
                record, fields={"description": REMOVED, "matters": ""}, reason=reason
            ),
            delete=lambda record, reason: delete_record(record, reason=reason),
        )
    )


def _anonymise_complaint(record: Any, reason: str) -> None:
    for event in record.events.all():
        anonymise_record(event, fields={"text": REMOVED}, reason=reason)
    anonymise_record(record, fields={"summary": REMOVED[:200], "details": REMOVED, "outcome": ""}, reason=reason)


def _delete_complaint(record: Any, reason: str) -> None:
    attachments = list(record.attachments.all())
    for child in [*record.events.all(), *record.route.all(), *attachments]:
        delete_record(child, reason=reason)
    delete_record(record, reason=reason)
    # The evidence files go too (bucket or local folder), once the rows' removal has committed.
    private_files_delete_on_commit([attachment.file.name for attachment in attachments])


def _anonymise_access_request(record: Any, reason: str) -> None:
    anonymise_record(
        record,
        fields={
            "purpose": REMOVED,
            "interest_details": "",
            "described_information": "",
            "reasons": "",
            "referral_reason": "",
            "determination_reasons": "",
        },
        reason=reason,
    )


def register_casework_handlers() -> None:
    from access_requests.models import AccessRequest
    from complaints.models import Complaint

    register_retention(
        RetentionHandler(
            record_type="complaint",
            label="Complaints (after they are closed or withdrawn)",
            closed_before=lambda council, cutoff: Complaint.objects.filter(
                council=council, state__in=["closed", "withdrawn"], updated_at__date__lt=cutoff
            ),
            anonymise=_anonymise_complaint,
            delete=_delete_complaint,
        )
    )
    register_retention(
        RetentionHandler(
            record_type="access_request",
            label="Information-access requests (after they are decided or withdrawn)",
            closed_before=lambda council, cutoff: AccessRequest.objects.filter(
                council=council,
                state__in=["refused", "determined_granted", "determined_refused", "withdrawn", "granted", "partial"],
                submitted_at__date__lt=cutoff,
            ).exclude(grant__isnull=False, grant__revoked_at__isnull=True, grant__expires_on__isnull=True),
            anonymise=_anonymise_access_request,
            delete=lambda record, reason: anonymise_record(record, fields={"purpose": REMOVED}, reason=reason),
        )
    )
