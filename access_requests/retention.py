"""How long information requests are kept, counted from when they closed (registered in ``AccessRequestsConfig.ready``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from protocol_portal.core.retention import REMOVED, RetentionHandler, anonymise_record, register_retention

from .life import CLOSED_STATES
from .models import AccessRequest


def access_requests_closed_before(council: Any, cutoff: date) -> QuerySet[AccessRequest]:
    """Requests closed (decided, determined or withdrawn) before ``cutoff``, except those behind a live open-ended grant."""
    return AccessRequest.objects.filter(council=council, state__in=CLOSED_STATES, closed_at__date__lt=cutoff).exclude(
        grant__isnull=False, grant__revoked_at__isnull=True, grant__expires_on__isnull=True
    )


def _anonymise(record: Any, reason: str) -> None:
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


def register_retention_handlers() -> None:
    register_retention(
        RetentionHandler(
            record_type="access_request",
            label="Information-access requests (after they are decided or withdrawn)",
            closed_before=access_requests_closed_before,
            anonymise=_anonymise,
            # The grant and access log refer to the request, so it is emptied rather than removed.
            delete=lambda record, reason: anonymise_record(record, fields={"purpose": REMOVED}, reason=reason),
        )
    )
