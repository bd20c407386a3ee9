"""After assessment: investigation, the Independent Person's view, the hearing and the decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from protocol_portal.core.audit import audited_save
from protocol_portal.core.transitions import TransitionRefused
from roles.models import Committee, CommitteeMembership, today

from ..models import ConductComplaint, ConductEvent
from ..permissions import conduct_check, conduct_grant_view
from ..workflow import OPEN_STATES, Finding, Sanction, State
from .conduct import _event, _locked_visible, _move
from .notify import conduct_notify, conduct_tell_complainant


def conduct_investigation_record(
    *, actor: Any, case_id: int, investigator_name: str = "", report: str = "", draft_sent: bool = False
) -> ConductComplaint:
    """Appoint the investigator, record the report, send the draft to both parties."""
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        conduct_check(actor, "investigate", case)
        if case.state != State.INVESTIGATION:
            raise TransitionRefused({"to": "The case is not under investigation."})
        if not (investigator_name.strip() or report.strip() or draft_sent):
            raise ValidationError({"investigator_name": "Record the investigator, the report or the draft sent."})
        notes = []
        if investigator_name.strip():
            case.investigator_name = investigator_name.strip()
            notes.append(f"Investigator: {case.investigator_name}")
        if report.strip():
            case.investigation_report = report.strip()
            notes.append("Investigation report recorded")
        if draft_sent:
            if not case.investigation_report:
                raise ValidationError({"draft_sent": "Record the report before sending the draft to both parties."})
            case.draft_sent_on = today()
            notes.append("Draft report sent to the complainant and the member")
        audited_save(case, actor=actor, reason="; ".join(notes), validate=False)
        _event(case, kind=ConductEvent.Kind.NOTE, actor=actor, text="; ".join(notes))
        if draft_sent:
            for who, person in (("member", case.subject), ("complainant", case.complainant)):
                conduct_notify(
                    case=case,
                    recipient=person,
                    event="draft",
                    subject="The investigator's draft report",
                    body=f"The investigator's draft report is ready for your comments (as {who}).",
                )
    return case


def conduct_hearing_refer(
    *, actor: Any, case_id: int, committee: Committee, hearing_on: date, reason: str, expected_state: str = ""
) -> ConductComplaint:
    """Refer an investigated case to the standards (sub-)committee; the Independent Person's view is sought."""
    errors = {}
    if committee.kind != Committee.Kind.STANDARDS:
        errors["committee"] = "Choose a standards (audit and ethics) committee or sub-committee."
    if hearing_on < today():
        errors["hearing_on"] = "The hearing date cannot be in the past."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        if committee.council_id != case.standards_council_id:
            raise ValidationError({"committee": f"Choose a committee of {case.standards_council}."})
        case = _move(
            actor=actor,
            case_id=case_id,
            move="refer_to_hearing",
            reason=reason,
            expected_state=expected_state,
            changes={
                "hearing_committee": committee,
                "hearing_on": hearing_on,
                "decide_by": hearing_on,
                "ip_view_requested_on": today(),
            },
        )
        panel = [m.person for m in CommitteeMembership.objects.current().filter(committee=committee)]
        for person in panel:
            if person.pk != case.subject_id:
                conduct_grant_view(case=case, person=person)
                conduct_notify(
                    case=case,
                    recipient=person,
                    event="hearing",
                    subject="A Code of Conduct hearing",
                    body=f"{committee} hears the complaint about {case.subject} on {hearing_on:%d %B %Y}.",
                )
        conduct_notify(
            case=case,
            recipient=case.independent_person,
            event="ip-view-requested",
            subject="Your view is sought",
            body=f"Please give your view on the investigated complaint about {case.subject} before the hearing "
            f"on {hearing_on:%d %B %Y} (Localism Act 2011 s28(7)).",
        )
    return case


def conduct_ip_view_record(*, actor: Any, case_id: int, view: str) -> ConductComplaint:
    """The Independent Person's view, recorded for the decision-maker to take into account."""
    if not view.strip():
        raise ValidationError({"view": "Write your view: the decision-maker must take it into account."})
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        conduct_check(actor, "ip_view", case)
        if case.state not in OPEN_STATES:
            raise TransitionRefused({"view": "This case is closed: a view can no longer be recorded."})
        case.ip_view = view.strip()
        case.ip_view_on = today()
        audited_save(case, actor=actor, reason="Independent Person's view recorded", validate=False)
        _event(case, kind=ConductEvent.Kind.IP_VIEW, actor=actor, text=view.strip())
        conduct_notify(
            case=case,
            recipient=case.monitoring_officer,
            event=f"ip-view:{case.ip_view_on}",
            subject="The Independent Person's view is recorded",
            body=view.strip(),
        )
    return case


def conduct_member_consults_ip(*, actor: Any, case_id: int, note: str) -> ConductEvent:
    """The member complained about may consult the Independent Person; the fact is recorded."""
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        conduct_check(actor, "member_consults_ip", case)
        if case.independent_person is None:
            raise ValidationError({"note": f"{case.standards_council} has no Independent Person in post."})
        event = _event(
            case, kind=ConductEvent.Kind.MEMBER_CONSULTED_IP, actor=actor, text=note.strip() or "Asked for a view."
        )
        conduct_notify(
            case=case,
            recipient=case.independent_person,
            event=f"member-consults:{event.pk}",
            subject="The member asks to consult you",
            body=f"{case.subject} would like to consult you about the complaint.\n{note.strip()}",
        )
    return event


def sanctions_clean(finding: str, sanctions: list[str]) -> list[str]:
    unknown = [s for s in sanctions if s not in Sanction.values]
    if unknown:
        if any("suspen" in str(s).lower() for s in unknown):
            raise ValidationError({"sanctions": "A standards committee has no power to suspend a member."})
        names = ", ".join(Sanction.values)
        raise ValidationError(
            {"sanctions": f"Unknown sanction(s): {', '.join(map(str, unknown))}. Choose from {names}."}
        )
    if finding == Finding.NO_BREACH and sanctions:
        raise ValidationError({"sanctions": "No sanction follows a finding of no breach."})
    return list(dict.fromkeys(sanctions))


def conduct_decide(
    *, actor: Any, case_id: int, finding: str, sanctions: list[str], reasons: str, expected_state: str = ""
) -> ConductComplaint:
    """Record the finding and sanctions; refused on an investigated case without the Independent Person's view."""
    if finding not in Finding.values:
        raise ValidationError({"finding": "Choose breach or no_breach."})
    cleaned = sanctions_clean(finding, sanctions)
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons: they are published in the decision notice."})
    with transaction.atomic():
        case = _locked_visible(actor, case_id)
        case = _move(
            actor=actor,
            case_id=case_id,
            move="decide",
            reason=reasons.strip(),
            expected_state=expected_state,
            changes={
                "finding": finding,
                "sanctions": cleaned,
                "decision_reasons": reasons.strip(),
                "decided_on": today(),
            },
        )
        text = f"{Finding(finding).label}." + (f" Sanctions: {', '.join(case.sanction_labels())}." if cleaned else "")
        if case.for_a_local_council:
            text += f" For {case.council}: the sanctions are recommended to the council to apply."
        conduct_tell_complainant(case=case, event="decided", subject="The decision", body=text)
        conduct_notify(case=case, recipient=case.subject, event="decided", subject="The decision", body=text)
        if case.for_a_local_council and cleaned:
            _recommend_to_local_council(case, text)
    return case


def _recommend_to_local_council(case: ConductComplaint, text: str) -> None:
    """The district has no power to impose sanctions on a parish member: the parish's clerk receives the
    recommendation (and the public decision notice) to put to the council."""
    from notifications.services import notice_raise
    from roles.models import Appointment

    clerks = Appointment.objects.current().filter(office__council=case.council, office__is_administrator=True)
    for appointment in clerks.select_related("person"):
        if appointment.person_id == case.subject_id:
            continue
        notice_raise(
            recipient=appointment.person,
            key=f"conduct:{case.pk}:recommendation:{appointment.person_id}",
            subject=f"{case.reference}: sanctions recommended to {case.council}",
            body=f"{case.standards_council} decided a Code of Conduct complaint about {case.subject}. {text}",
            url=reverse("standards:decision-notices", args=[case.council.slug]),
        )
