"""Working-day deadlines: remind handlers before them, escalate or flag complaints past them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save
from protocol_portal.core.system import system_actor
from protocol_portal.core.workdays import today, working_days_between
from roles.selectors import appointments_current

from ..models import Complaint, ComplaintEvent, ComplaintSettings
from ..workflow import AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State
from .notify import complaint_notify


def _deadline(complaint: Complaint) -> tuple[str, date]:
    if complaint.state in AWAITING_ACKNOWLEDGEMENT:
        return "acknowledge", complaint.acknowledge_by
    return "respond", complaint.respond_by


def complaints_deadlines_process(*, on: date | None = None) -> dict[str, int]:
    """Run daily (Celery beat). Idempotent: notice keys name the deadline, so a rerun sends nothing new."""
    from .lifecycle import complaint_transition

    on = on or today()
    counts = {"reminded": 0, "escalated": 0, "flagged": 0}
    settings_by_council = {s.council_id: s for s in ComplaintSettings.objects.all()}
    open_ids = list(Complaint.objects.filter(state__in=OPEN_STATES).values_list("pk", flat=True))
    for complaint_id in open_ids:
        complaint = Complaint.objects.select_related("council", "handler").get(pk=complaint_id)
        settings = settings_by_council.get(complaint.council_id) or ComplaintSettings(council=complaint.council)
        which, due = _deadline(complaint)
        left = working_days_between(on, due)
        if 0 <= left <= settings.remind_before:
            with transaction.atomic():
                complaint_notify(
                    complaint=complaint,
                    recipient=complaint.handler,
                    event=f"remind:{which}:{due.isoformat()}",
                    subject=f"Deadline to {which}: {due:%-d %B %Y}",
                    body=f"Please {which} complaint {complaint.reference} by {due:%-d %B %Y} "
                    f"({left} working day(s) left).",
                )
            counts["reminded"] += 1
            continue
        if left >= 0:
            continue
        if settings.escalate_when_overdue:
            try:
                complaint_transition(
                    actor=system_actor(),
                    complaint_id=complaint.pk,
                    to=State.ESCALATED,
                    on=on,
                    reason=f"Overdue: the deadline to {which} was {due:%-d %B %Y}. Escalated automatically.",
                )
                counts["escalated"] += 1
                continue
            except ValidationError:
                pass  # no further step: flag instead, so a person decides
        if complaint.overdue_flagged_on is None:
            _flag(complaint=complaint, which=which, due=due, on=on)
            counts["flagged"] += 1
    return counts


def _flag(*, complaint: Complaint, which: str, due: date, on: date) -> None:
    with transaction.atomic():
        locked = Complaint.objects.select_for_update(of=("self",), no_key=True).get(pk=complaint.pk)
        if locked.overdue_flagged_on is not None:
            return
        locked.overdue_flagged_on = on
        scheduler = system_actor()
        audited_save(
            locked, actor=scheduler, reason=f"Overdue: the deadline to {which} was {due:%-d %B %Y}", validate=False
        )
        audited_save(
            ComplaintEvent(
                complaint=locked,
                kind=ComplaintEvent.Kind.OVERDUE,
                text=f"Deadline to {which} ({due:%-d %B %Y}) passed.",
            ),
            actor=scheduler,
            reason="Flagged overdue",
            validate=False,
        )
        admins = [
            a.person
            for a in appointments_current(on=on).filter(
                office__council_id=locked.council_id, office__is_administrator=True
            )
        ]
        for person in [complaint.handler, *admins]:
            complaint_notify(
                complaint=locked,
                recipient=person,
                event=f"overdue:{which}:{due.isoformat()}",
                subject="Complaint overdue",
                body=f"Complaint {locked.reference} passed its deadline to {which} ({due:%-d %B %Y}).",
            )
