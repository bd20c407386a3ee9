"""Bodies that decide: the complaint goes on a meeting's confidential agenda; the outcome is the body's resolution."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from access_requests.models import AgendaItem, Meeting
from protocol_portal.core.audit import audited_save
from protocol_portal.core.workdays import today
from roles.models import CommitteeMembership
from roles.selectors import people_closely_related_to

from ..models import Complaint, ComplaintEvent
from ..permissions import complaint_grant_view, complaint_stage_check
from ..workflow import OPEN_STATES
from .lifecycle import _lock
from .notify import complaint_notify


def complaint_decided_by_body(complaint: Complaint) -> bool:
    step = complaint.current_step
    return bool(step is not None and step.decides_as_body)


def complaint_schedule_at_meeting(
    *, actor: Any, complaint_id: int, meeting_id: int, on: date | None = None
) -> Complaint:
    """Place the complaint in the closed part of the body's meeting; the complainant is told the date.

    The body's members see the complaint, except the subject, the complainant and anyone with a declared
    relationship to either (they are excluded from the item).
    """
    on = on or today()
    with transaction.atomic():
        complaint = _lock(complaint_id)
        complaint_stage_check(actor, "extend", complaint)  # the convener (handler) or the clerk
        step = complaint.current_step
        if step is None or not step.decides_as_body:
            raise ValidationError({"meeting": "This complaint is not with a body that decides at a meeting."})
        if complaint.state not in OPEN_STATES:
            raise ValidationError({"meeting": "Only an open complaint can be placed on an agenda."})
        meeting = Meeting.objects.filter(pk=meeting_id, council_id=complaint.council_id).first()
        if meeting is None:
            raise ValidationError({"meeting": f"Choose a meeting of {complaint.council}."})
        if meeting.committee_id not in (None, step.committee_id):
            raise ValidationError({"meeting": f"Choose a meeting of {step.label} or of the full council."})
        if meeting.date < on:
            raise ValidationError({"meeting": "Choose a meeting that has not yet taken place."})
        item = audited_save(
            AgendaItem(
                meeting=meeting,
                number=f"C{complaint.pk}",
                title=f"Complaint {complaint.reference} (confidential: press and public excluded)",
                part=AgendaItem.Part.CLOSED,
            ),
            actor=actor,
            reason=f"Complaint {complaint.reference} placed on the agenda",
        )
        complaint.meeting = meeting
        complaint.agenda_item = item
        audited_save(complaint, actor=actor, reason=f"To be decided at {meeting}", validate=False)
        parties = [complaint.subject_id, complaint.complainant_id]
        conflicted = people_closely_related_to(person_ids=parties, on=on) | set(parties)
        members = (
            CommitteeMembership.objects.current(on).filter(committee_id=step.committee_id).select_related("person")
        )
        excluded = 0
        for membership in members:
            if membership.person_id in conflicted:
                excluded += 1
                continue
            complaint_grant_view(complaint=complaint, person=membership.person)
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.SCHEDULED,
                actor=actor,
                text=f"On the agenda of {meeting} (closed part)."
                + (f" {excluded} member(s) excluded for a conflict of interest." if excluded else ""),
            ),
            actor=actor,
            reason="Placed on a meeting's agenda",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"scheduled:{meeting.pk}",
            subject=f"Your complaint will be decided on {meeting.date:%d %B %Y}",
            body=f"{step.label} will decide your complaint at its meeting on {meeting.date:%A %d %B %Y} ({meeting.title}),"
            " in the part of the meeting closed to the press and public. You will be told the resolution.",
        )
    return complaint
