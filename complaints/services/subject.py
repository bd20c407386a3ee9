"""The person complained about is told of the allegation and may reply once, before a finding."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from protocol_portal.core.workdays import add_working_days, today

from ..models import Complaint, ComplaintEvent, SubjectComment
from .notify import complaint_notify


def subject_invite(*, actor: Any, complaint: Complaint, on: date | None = None) -> SubjectComment | None:
    """Where the chain says so, tell the subject and invite a reply (called inside the logging transaction)."""
    chain = complaint.chain
    if not chain.subject_may_comment:
        return None
    on = on or today()
    invitation = audited_save(
        SubjectComment(complaint=complaint, invited_on=on, reply_by=add_working_days(on, chain.subject_comment_within)),
        actor=actor,
        reason="The person complained about is invited to comment (the council's procedure)",
        validate=False,
    )
    notice_raise(
        recipient=complaint.subject,
        key=f"complaint:{complaint.pk}:subject-invited:{complaint.subject_id}",
        subject=f"{complaint.reference}: a complaint about you, and your chance to comment",
        body=f"A complaint has been made about you to {complaint.council}: {complaint.summary}\n"
        f"You may reply once, by {invitation.reply_by:%d %B %Y}, before any finding is made.",
        url=reverse("complaints:subject-reply", args=[complaint.pk]),
    )
    return invitation


def subject_comment_for(*, user: Any, complaint_id: int) -> SubjectComment:
    """The invitation, for the person complained about only (everyone else: 404 upstream)."""
    invitation = (
        SubjectComment.objects.select_related("complaint", "complaint__council")
        .filter(complaint_id=complaint_id, complaint__subject_id=getattr(user, "pk", None))
        .first()
    )
    if invitation is None:
        raise PermissionDenied("There is no invitation for you to comment on this complaint.")
    return invitation


def subject_reply(*, actor: Any, complaint_id: int, reply: str, on: date | None = None) -> SubjectComment:
    """The subject's one reply, within the time allowed; the handler is told."""
    on = on or today()
    if not (reply or "").strip():
        raise ValidationError({"reply": "Write your reply."})
    with transaction.atomic():
        invitation = SubjectComment.objects.select_for_update(of=("self",)).get(
            pk=subject_comment_for(user=actor, complaint_id=complaint_id).pk
        )
        complaint = invitation.complaint
        if invitation.replied:
            raise ValidationError({"reply": "You have already replied: a reply can be given once."})
        if on > invitation.reply_by:
            raise ValidationError({"reply": f"The time to reply ended on {invitation.reply_by:%d %B %Y}."})
        if complaint.responses.filter(stage=complaint.stage).exists():
            raise ValidationError({"reply": "A finding has already been made on this complaint."})
        invitation.reply = reply.strip()
        invitation.replied_on = on
        audited_save(invitation, actor=actor, reason="Reply of the person complained about", validate=False)
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.SUBJECT_REPLIED,
                actor=actor,
                text="The person complained about has replied.",
            ),
            actor=actor,
            reason="Subject's reply recorded",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.handler,
            event=f"subject-replied:{invitation.pk}",
            subject="The person complained about has replied",
            body=f"{complaint.subject} has replied to the complaint; read it on the complaint's page.",
        )
    return invitation


def subject_comment_pending(*, complaint: Complaint, on: date) -> str | None:
    """Why no finding may be made yet, or None."""
    invitation = SubjectComment.objects.filter(complaint=complaint).first()
    if invitation is None or invitation.replied or on > invitation.reply_by:
        return None
    return (
        f"{complaint.subject} has been invited to comment and may reply until {invitation.reply_by:%d %B %Y}: "
        "make the finding after their reply or that date."
    )
