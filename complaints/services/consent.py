"""Consent the complainant gives: asked by a notice with a confirm link; their own answer goes in the history."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from protocol_portal.core.audit import audited_save

from ..models import ComplaintEvent, ConsentRequest
from ..permissions import complaint_stage_check
from ..workflow import ACTIVE_STATES
from .lifecycle import _lock
from .notify import complaint_notify


def consent_request(*, actor: Any, complaint_id: int, purpose: str) -> ConsentRequest:
    """The handler (or an administrator) asks the complainant; the notice carries a confirm link."""
    if not (purpose or "").strip():
        raise ValidationError({"purpose": "Say what the complainant is asked to agree to."})
    with transaction.atomic():
        complaint = _lock(complaint_id)
        complaint_stage_check(actor, "extend", complaint)  # the handler or the council's administrators
        if complaint.state not in ACTIVE_STATES:
            raise ValidationError({"purpose": "This complaint is no longer open."})
        request = audited_save(
            ConsentRequest(
                complaint=complaint, token=secrets.token_urlsafe(32), purpose=purpose.strip()[:300], requested_by=actor
            ),
            actor=actor,
            reason="The complainant is asked for consent",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"consent-asked:{request.pk}",
            subject="May we take your complaint further?",
            body=f"{actor} asks for your agreement: {request.purpose}\nConfirm or decline with the link below.",
        )
        # The notice's link is the confirm page, which the token alone opens (a resident has no login).
        from notifications.models import Notice

        Notice.objects.filter(
            key=f"complaint:{complaint.pk}:consent-asked:{request.pk}:{complaint.complainant_id}"
        ).update(url=reverse("complaints:consent", args=[request.token]))
    return request


def consent_answer(*, token: str, consented: bool) -> ConsentRequest:
    """The complainant's answer through the confirm link: recorded once, in the history, the handler told."""
    with transaction.atomic():
        request = (
            ConsentRequest.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .filter(token=token)
            .first()
        )
        if request is None:
            raise ValidationError({"token": "This link is not valid."})
        if request.consented is not None:
            raise ValidationError({"token": "You have already answered; thank you."})
        request.consented = consented
        request.answered_at = timezone.now()
        answer = "agreed" if consented else "declined"
        complaint = request.complaint
        audited_save(
            request,
            actor=complaint.complainant,
            reason=f"The complainant {answer} by the confirm link",
            validate=False,
        )
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.CONSENT,
                actor=complaint.complainant,
                text=f"The complainant {answer}: {request.purpose}",
            ),
            actor=complaint.complainant,
            reason="Consent answer recorded",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.handler,
            event=f"consent-answered:{request.pk}",
            subject=f"The complainant {answer}",
            body=f"{complaint.complainant} {answer}: {request.purpose}",
        )
    return request


def consent_given(*, complaint: Any) -> bool:
    return ConsentRequest.objects.filter(complaint=complaint, consented=True).exists()
