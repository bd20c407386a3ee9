"""Deadline reminders (beat, daily): idempotent, since every notice key names the deadline it is about."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from notifications.services import notice_raise
from protocol_portal.core.workdays import add_working_days, working_days_between
from roles.models import Appointment, InterestDeclaration, Office, today

from ..models import ConductComplaint
from ..workflow import State
from .notify import conduct_notify

REMIND_WORKING_DAYS_BEFORE = 3
INTEREST_REMIND_DAYS_BEFORE = 7


def _due_soon_or_over(due: date | None, on: date) -> str:
    """'' (not yet), 'reminder' (within the reminder window) or 'overdue'."""
    if due is None:
        return ""
    if due < on:
        return "overdue"
    if working_days_between(on, due) <= REMIND_WORKING_DAYS_BEFORE:
        return "reminder"
    return ""


def conduct_deadlines_process(*, on: date | None = None) -> dict[str, int]:
    """Remind the Monitoring Officer of assessments and investigations due, and the Independent Person of
    views awaited before a hearing; each once per deadline and kind."""
    on = on or today()
    sent = {"assessment": 0, "investigation": 0, "ip_view": 0, "decision": 0}
    horizon = add_working_days(on, REMIND_WORKING_DAYS_BEFORE)
    cases = ConductComplaint.objects.filter(
        state__in=[State.RECEIVED, State.INVESTIGATION, State.HEARING]
    ).select_related("standards_council", "subject", "monitoring_officer", "independent_person")
    for case in cases.iterator():
        with transaction.atomic():
            if case.state == State.RECEIVED:
                kind = _due_soon_or_over(case.assess_by, on)
                if kind:
                    conduct_notify(
                        case=case,
                        recipient=case.monitoring_officer,
                        event=f"assess-{kind}:{case.assess_by}",
                        subject="Assessment overdue" if kind == "overdue" else "Assessment due soon",
                        body=f"The initial assessment of the complaint about {case.subject} is due by "
                        f"{case.assess_by:%d %B %Y} (20 working days from receipt).",
                    )
                    sent["assessment"] += 1
            elif case.state == State.INVESTIGATION and case.investigate_by and case.investigate_by <= horizon:
                conduct_notify(
                    case=case,
                    recipient=case.monitoring_officer,
                    event=f"investigate-by:{case.investigate_by}",
                    subject="Investigation past six months" if case.investigate_by < on else "Investigation due",
                    body=f"Investigations are normally completed within six months of referral: this one by "
                    f"{case.investigate_by:%d %B %Y}.",
                )
                sent["investigation"] += 1
            elif case.state == State.HEARING:
                if not case.ip_view and case.independent_person_id and _due_soon_or_over(case.decide_by, on):
                    conduct_notify(
                        case=case,
                        recipient=case.independent_person,
                        event=f"ip-view-reminder:{case.decide_by}",
                        subject="Your view is awaited",
                        body=f"The hearing on {case.decide_by:%d %B %Y} cannot decide without your view.",
                    )
                    sent["ip_view"] += 1
                if _due_soon_or_over(case.decide_by, on) == "overdue":
                    conduct_notify(
                        case=case,
                        recipient=case.monitoring_officer,
                        event=f"decision-overdue:{case.decide_by}",
                        subject="Decision overdue",
                        body=f"The hearing was set for {case.decide_by:%d %B %Y} and no decision is recorded.",
                    )
                    sent["decision"] += 1
    return sent


def interest_returns_remind(*, on: date | None = None) -> int:
    """Members elected or co-opted in the last 28 days who have registered nothing since are reminded a week
    before the 28 days run out (Localism Act 2011 s30); once per appointment."""
    on = on or today()
    window_start = on - timedelta(days=InterestDeclaration.NOTIFY_WITHIN_DAYS)
    remind_from = on - timedelta(days=InterestDeclaration.NOTIFY_WITHIN_DAYS - INTEREST_REMIND_DAYS_BEFORE)
    appointments = Appointment.objects.filter(
        office__kind=Office.Kind.MEMBER,
        basis__in=[Appointment.Basis.ELECTED, Appointment.Basis.CO_OPTED],
        start_date__gt=window_start,
        start_date__lte=remind_from,
    ).select_related("person", "office__council")
    sent = 0
    for appointment in appointments.iterator():
        registered = InterestDeclaration.objects.filter(
            member=appointment.person, council=appointment.office.council, start_date__gte=appointment.start_date
        ).exists()
        if registered:
            continue
        due = appointment.start_date + timedelta(days=InterestDeclaration.NOTIFY_WITHIN_DAYS)
        notice = notice_raise(
            recipient=appointment.person,
            key=f"interests-due:{appointment.pk}",
            subject=f"Register your interests with {appointment.office.council} by {due:%d %B %Y}",
            body="Members must notify the Monitoring Officer of their disclosable pecuniary interests and other "
            f"registrable interests within 28 days of taking office: by {due:%d %B %Y}. Failing to do so without "
            "reasonable excuse is an offence (Localism Act 2011 s34).",
        )
        sent += notice is not None
    return sent
