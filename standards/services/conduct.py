"""Receive a Code of Conduct complaint and take it through assessment, investigation, hearing and decision."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save
from protocol_portal.core.workdays import add_working_days
from roles.models import Council, Office, Person, today
from roles.selectors import appointments_current, council_monitoring_officers, person_is_member_of

from ..models import ConductComplaint, ConductEvent
from ..permissions import (
    complainant_visible,
    conduct_actor_roles,
    conduct_complaints_visible_to,
    conduct_grant_view,
    conduct_log_check,
)
from ..workflow import ASSESSMENT_MOVES, CONDUCT_LIFE, Assessment
from .notify import conduct_notify, conduct_tell_complainant

ASSESS_WITHIN_WORKING_DAYS = 20
INVESTIGATE_WITHIN_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter, e.g. 31 Aug -> 28 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def standards_council_for(council: Council) -> Council:
    """A town or parish council's standards work is done by its principal council (KI 4.2, PH)."""
    return council.principal_council if council.principal_council_id else council  # type: ignore[return-value]


def independent_person_for(council: Council, on: date | None = None) -> Person | None:
    offices = Office.objects.filter(council=council, is_independent_person=True)
    appointment = appointments_current(on=on).filter(office__in=offices).select_related("person").first()
    return appointment.person if appointment else None


def _event(case: ConductComplaint, *, kind: str, actor: Any, text: str) -> ConductEvent:
    return audited_save(
        ConductEvent(complaint=case, kind=kind, actor=actor, text=text),
        actor=actor,
        reason=str(ConductEvent.Kind(kind).label),
        validate=False,
    )


def _locked_visible(actor: Any, case_id: int) -> ConductComplaint:
    if not conduct_complaints_visible_to(actor).filter(pk=case_id).exists():
        raise ConductComplaint.DoesNotExist("No such Code of Conduct complaint.")
    return CONDUCT_LIFE.lock(ConductComplaint, case_id)


def conduct_complaint_create(
    *,
    actor: Any,
    council: Council,
    subject: Person,
    allegation: str,
    complainant: Person | None = None,
    complainant_name: str = "",
    complainant_email: str = "",
    complainant_may_be_named: bool = False,
    conduct_on: date | None = None,
    received_on: date | None = None,
    source: str = ConductComplaint.Source.FORM,
    source_complaint: Any = None,
) -> ConductComplaint:
    """Record a complaint with the council's Monitoring Officer; the assessment is due in 20 working days."""
    errors: dict[str, str] = {}
    on = received_on or today()
    if not allegation.strip():
        errors["allegation"] = "Describe what the member did and which part of the Code of Conduct it breaches."
    if complainant is None and not complainant_name.strip():
        errors["complainant"] = "Name the complainant (a person in the portal, or a name and e-mail address)."
    if complainant is not None and complainant.pk == subject.pk:
        errors["subject"] = "A member cannot complain about themselves under the Code of Conduct."
    if not person_is_member_of(person=subject, council=council, on=on):
        errors["subject"] = f"{subject} is not a member of {council}: the Code of Conduct applies to its members."
    if conduct_on is not None and conduct_on > on:
        errors["conduct_on"] = "The conduct cannot have happened after the complaint was received."
    if received_on is not None and received_on > today():
        errors["received_on"] = "The date received cannot be in the future."
    if errors:
        raise ValidationError(errors)
    if source != ConductComplaint.Source.REFERRAL:
        conduct_log_check(actor, council, complainant)
    standards = standards_council_for(council)
    officers = [p for p in council_monitoring_officers(council=council, on=on) if p.pk != subject.pk]
    if not officers:
        raise ValidationError({"council": f"{council} has no Monitoring Officer in post to receive the complaint."})
    independent = independent_person_for(standards, on)
    with transaction.atomic():
        case = audited_save(
            ConductComplaint(
                council=council,
                standards_council=standards,
                subject=subject,
                complainant=complainant,
                complainant_name="" if complainant else complainant_name.strip(),
                complainant_email="" if complainant else complainant_email.strip(),
                complainant_may_be_named=complainant_may_be_named,
                logged_by=actor,
                source=source,
                source_complaint=source_complaint,
                allegation=allegation.strip(),
                conduct_on=conduct_on,
                received_on=on,
                assess_by=add_working_days(on, ASSESS_WITHIN_WORKING_DAYS),
                monitoring_officer=officers[0],
                independent_person=independent,
            ),
            actor=actor,
            reason=f"Code of Conduct complaint received ({ConductComplaint.Source(source).label})",
        )
        for person in (complainant, actor, officers[0], independent):
            if person is not None and person.pk != subject.pk:
                conduct_grant_view(case=case, person=person)
        flag = " The conduct is more than six months old." if case.conduct_older_than_six_months() else ""
        _event(case, kind=ConductEvent.Kind.RECEIVED, actor=actor, text=f"Received; assess by {case.assess_by}.{flag}")
        conduct_notify(
            case=case,
            recipient=officers[0],
            event="received",
            subject="A Code of Conduct complaint to assess",
            body=f"A complaint about {subject} ({council}) to assess by {case.assess_by:%d %B %Y}.{flag}",
        )
        conduct_tell_complainant(
            case=case,
            event="received",
            subject="Your Code of Conduct complaint was received",
            body=f"The Monitoring Officer ({officers[0]}) will assess it by {case.assess_by:%d %B %Y} and tell you "
            "the decision and the reasons.",
        )
    return case


def conduct_complaint_from_referral(*, actor: Any, complaint: Any, reason: str = "") -> ConductComplaint:
    """A protocol complaint referred under the Code of Conduct becomes a case, linked both ways (idempotent)."""
    existing = ConductComplaint.objects.filter(source_complaint=complaint).first()
    if existing is not None:
        return existing
    allegation = f"{complaint.summary}\n\n{complaint.details}"
    if reason.strip():
        allegation += f"\n\nReferred because: {reason.strip()}"
    return conduct_complaint_create(
        actor=actor,
        council=complaint.council,
        subject=complaint.subject,
        allegation=allegation,
        complainant=complaint.complainant,
        source=ConductComplaint.Source.REFERRAL,
        source_complaint=complaint,
    )


def _move(
    *,
    actor: Any,
    case_id: int,
    move: str,
    reason: str,
    expected_state: str = "",
    changes: dict[str, Any] | None = None,
) -> ConductComplaint:
    case = ConductComplaint.objects.get(pk=case_id)
    roles = conduct_actor_roles(actor, case)
    case, found = CONDUCT_LIFE.apply(
        case, actor=actor, roles=roles, move=move, reason=reason, expected_state=expected_state, changes=changes
    )
    _event(case, kind=ConductEvent.Kind.TRANSITION, actor=actor, text=f"{found.label}: {reason}".strip())
    return case


def conduct_assess(
    *, actor: Any, case_id: int, decision: str, reasons: str, expected_state: str = ""
) -> ConductComplaint:
    """The Monitoring Officer's initial assessment; the complainant and the member are told the reasons."""
    if decision not in Assessment.values:
        raise ValidationError({"decision": "Choose no_further_action, informal_resolution or investigate."})
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons: they are sent to the complainant and the member."})
    on = today()
    changes: dict[str, Any] = {
        "assessment": decision,
        "assessment_reasons": reasons.strip(),
        "assessed_on": on,
        "member_told_on": on,
    }
    if decision == Assessment.INVESTIGATE:
        changes |= {"investigated": True, "investigate_by": add_months(on, INVESTIGATE_WITHIN_MONTHS)}
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        if case.member_told_on:
            changes["member_told_on"] = case.member_told_on
        case = _move(
            actor=actor,
            case_id=case_id,
            move=ASSESSMENT_MOVES[Assessment(decision)],
            reason=reasons.strip(),
            expected_state=expected_state,
            changes=changes,
        )
        conduct_grant_view(case=case, person=case.subject)
        label = Assessment(decision).label
        conduct_tell_complainant(
            case=case,
            event=f"assessed:{decision}",
            subject=f"Assessment: {label.lower()}",
            body=f"The Monitoring Officer decided: {label}.\nReasons: {reasons.strip()}",
        )
        by = f" by {case.complainant_display}" if complainant_visible(case.subject, case) else ""
        conduct_notify(
            case=case,
            recipient=case.subject,
            event=f"assessed:{decision}",
            subject=f"A Code of Conduct complaint about you: {label.lower()}",
            body=f"A complaint{by} about your conduct was assessed by the Monitoring Officer: {label}.\n"
            f"Reasons: {reasons.strip()}\nYou may consult the Independent Person.",
        )
    return case


# Other moves (informal resolution, withdrawal, no further action) through one path.
def conduct_transition(
    *, actor: Any, case_id: int, move: str, reason: str, outcome: str = "", expected_state: str = ""
) -> ConductComplaint:
    if move in {"decide", "refer_to_hearing", *ASSESSMENT_MOVES.values()}:
        raise ValidationError({"to": "Use the assessment, hearing or decision form for this step."})
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        if not conduct_actor_roles(actor, case):
            raise PermissionDenied("You cannot act on this case.")
        changes = {"outcome": outcome.strip()} if outcome.strip() else None
        case = _move(
            actor=actor, case_id=case_id, move=move, reason=reason, expected_state=expected_state, changes=changes
        )
        for recipient in (case.subject, case.monitoring_officer):
            if recipient.pk != actor.pk and (recipient.pk != case.subject_id or case.member_told_on):
                conduct_notify(
                    case=case,
                    recipient=recipient,
                    event=f"state:{case.state}",
                    subject=f"Now {CONDUCT_LIFE.label(case.state).lower()}",
                    body=reason,
                )
        if case.complainant_id != actor.pk:
            conduct_tell_complainant(
                case=case,
                event=f"state:{case.state}",
                subject=f"Now {CONDUCT_LIFE.label(case.state).lower()}",
                body=reason,
            )
    return case
