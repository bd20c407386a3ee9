"""Receiving, assessing, investigating and deciding a Code of Conduct complaint."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notifications.models import Notice
from protocol_portal.core.transitions import TransitionForbidden, TransitionRefused
from protocol_portal.core.workdays import working_days_between
from roles.models import Committee, today
from standards.models import ConductComplaint
from standards.services import (
    conduct_assess,
    conduct_decide,
    conduct_hearing_refer,
    conduct_investigation_record,
    conduct_ip_view_record,
    conduct_member_consults_ip,
    conduct_transition,
)

pytestmark = pytest.mark.django_db


def test_a_parish_members_case_goes_to_the_districts_monitoring_officer(new_case, person):
    case = new_case()
    assert case.state == "received"
    assert case.monitoring_officer.username == "ld-monitoring-officer"
    assert case.independent_person.username == "ld-independent-person"
    assert case.standards_council.slug == "lewes-district" and case.for_a_local_council
    assert working_days_between(case.received_on, case.assess_by) == 20
    assert Notice.objects.filter(recipient__username="ld-monitoring-officer", key__startswith="conduct:").exists()
    history = case.history.first()
    assert history.history_user.username == "ph-officer-1" and "received" in history.history_change_reason


def test_bad_input_changes_nothing(new_case, person):
    before = ConductComplaint.objects.count()
    with pytest.raises(ValidationError) as blank:
        new_case(allegation="  ")
    assert "allegation" in blank.value.message_dict
    with pytest.raises(ValidationError) as officer:
        new_case(subject=person("ph-town-clerk"))  # an officer: the Code of Conduct is for members
    assert "subject" in officer.value.message_dict
    with pytest.raises(ValidationError) as future:
        new_case(conduct_on=today() + timedelta(days=3))
    assert "conduct_on" in future.value.message_dict
    with pytest.raises(PermissionDenied):
        new_case(actor=person("ph-officer-2"))  # may not complain in someone else's name
    assert ConductComplaint.objects.count() == before


def test_conduct_older_than_six_months_is_flagged(new_case):
    case = new_case(conduct_on=today() - timedelta(days=200))
    assert case.conduct_older_than_six_months()
    assert "more than six months" in case.events.get(kind="received").text


def test_only_the_monitoring_officer_assesses(new_case, person):
    case = new_case()
    with pytest.raises(TransitionForbidden):
        conduct_assess(actor=person("ld-independent-person"), case_id=case.pk, decision="investigate", reasons="x")
    with pytest.raises(ValidationError):
        conduct_assess(actor=person("ld-monitoring-officer"), case_id=case.pk, decision="suspend", reasons="x")
    with pytest.raises(ValidationError):
        conduct_assess(actor=person("ld-monitoring-officer"), case_id=case.pk, decision="investigate", reasons=" ")
    case.refresh_from_db()
    assert case.state == "received" and not case.member_told_on


def test_assessment_tells_both_and_starts_the_six_month_clock(investigated_case):
    case = investigated_case
    assert case.state == "investigation" and case.investigated and case.member_told_on == today()
    assert case.investigate_by is not None and case.investigate_by > today() + timedelta(days=180)
    member_notice = Notice.objects.get(recipient=case.subject, key__contains="assessed")
    assert "Potential breach." in member_notice.body
    assert "ph-officer-1" not in member_notice.body and str(case.complainant) not in member_notice.body
    assert Notice.objects.filter(recipient=case.complainant, key__contains="assessed").exists()


def _to_hearing(case, person):  # type: ignore[no-untyped-def]
    mo = person("ld-monitoring-officer")
    conduct_investigation_record(actor=mo, case_id=case.pk, investigator_name="A. Investigator", report="Found X.")
    conduct_investigation_record(actor=mo, case_id=case.pk, draft_sent=True)
    panel = Committee.objects.get(slug="standards-sub-committee")
    return conduct_hearing_refer(
        actor=mo, case_id=case.pk, committee=panel, hearing_on=today() + timedelta(days=14), reason="Report found X."
    )


def test_no_decision_on_an_investigated_case_without_the_independent_persons_view(investigated_case, person):
    case = _to_hearing(investigated_case, person)
    assert case.state == "hearing"
    with pytest.raises(TransitionRefused) as refused:
        conduct_decide(
            actor=person("ld-councillor-1"), case_id=case.pk, finding="breach", sanctions=["censure"], reasons="x"
        )
    assert "s28(7)" in str(refused.value)
    case.refresh_from_db()
    assert case.state == "hearing" and case.finding == ""
    conduct_ip_view_record(actor=person("ld-independent-person"), case_id=case.pk, view="A breach; censure is fair.")
    decided = conduct_decide(
        actor=person("ld-councillor-1"),
        case_id=case.pk,
        finding="breach",
        sanctions=["censure", "training"],
        reasons="Disrespect to an officer.",
    )
    assert decided.state == "decided" and decided.sanctions == ["censure", "training"]
    assert decided.history.first().history_user.username == "ld-councillor-1"


def test_refer_to_hearing_needs_the_report(investigated_case, person):
    panel = Committee.objects.get(slug="standards-sub-committee")
    with pytest.raises(TransitionRefused):
        conduct_hearing_refer(
            actor=person("ld-monitoring-officer"),
            case_id=investigated_case.pk,
            committee=panel,
            hearing_on=today() + timedelta(days=7),
            reason="r",
        )


def test_sanctions_come_from_the_fixed_list(investigated_case, person):
    case = _to_hearing(investigated_case, person)
    conduct_ip_view_record(actor=person("ld-independent-person"), case_id=case.pk, view="View.")
    mo = person("ld-monitoring-officer")
    with pytest.raises(ValidationError) as suspension:
        conduct_decide(actor=mo, case_id=case.pk, finding="breach", sanctions=["suspension"], reasons="r")
    assert "no power to suspend" in str(suspension.value)
    with pytest.raises(ValidationError):
        conduct_decide(actor=mo, case_id=case.pk, finding="no_breach", sanctions=["censure"], reasons="r")
    with pytest.raises(ValidationError):
        conduct_decide(actor=mo, case_id=case.pk, finding="maybe", sanctions=[], reasons="r")
    case.refresh_from_db()
    assert case.state == "hearing"


def test_only_the_independent_person_records_a_view(investigated_case, person):
    with pytest.raises(PermissionDenied):
        conduct_ip_view_record(actor=person("ld-monitoring-officer"), case_id=investigated_case.pk, view="v")
    with pytest.raises(ValidationError):
        conduct_ip_view_record(actor=person("ld-independent-person"), case_id=investigated_case.pk, view=" ")


def test_the_member_may_consult_the_independent_person(investigated_case, person):
    event = conduct_member_consults_ip(actor=person("ph-councillor-1"), case_id=investigated_case.pk, note="Advice")
    assert event.kind == "member_consulted_ip"
    assert Notice.objects.filter(recipient__username="ld-independent-person", key__contains="member-consults").exists()


def test_informal_resolution_and_withdrawal(new_case, person):
    mo = person("ld-monitoring-officer")
    case = conduct_assess(actor=mo, case_id=new_case().pk, decision="informal_resolution", reasons="An apology.")
    resolved = conduct_transition(
        actor=mo, case_id=case.pk, move="resolve_informally", reason="Apology given", outcome="Apologised."
    )
    assert resolved.state == "resolved" and resolved.outcome == "Apologised."
    other = new_case()
    withdrawn = conduct_transition(actor=person("ph-officer-1"), case_id=other.pk, move="withdraw", reason="Settled")
    assert withdrawn.state == "withdrawn"
    with pytest.raises(TransitionRefused):
        conduct_transition(actor=mo, case_id=other.pk, move="withdraw", reason="again")


def test_a_referred_protocol_complaint_becomes_a_linked_case(demo, person):
    from complaints.services import complaint_create, complaint_transition

    complaint = complaint_create(
        actor=person("ph-officer-2"),
        council=demo_council("peacehaven"),
        complainant=person("ph-officer-2"),
        subject=person("ph-councillor-2"),
        summary="Abusive e-mails",
        details="Three e-mails calling me names.",
        informal_first=False,
    )
    handler = complaint.handler
    complaint_transition(
        actor=handler,
        complaint_id=complaint.pk,
        to="referred",
        reason="A conduct matter",
        procedure="code_of_conduct",
        formal_basis="",
    )
    complaint.refresh_from_db()
    case = complaint.conduct_case
    assert case.source == "referral" and case.source_complaint_id == complaint.pk
    assert case.monitoring_officer.username == "ld-monitoring-officer"
    assert case.complainant.username == "ph-officer-2"
    assert reverse("standards:detail", args=[case.pk]) == case.get_absolute_url()


def demo_council(slug: str):  # type: ignore[no-untyped-def]
    from roles.models import Council

    return Council.objects.get(slug=slug)


def test_deadline_reminders_are_sent_once(new_case, person):
    from standards.services import conduct_deadlines_process

    case = new_case()
    on = case.assess_by - timedelta(days=1)
    first = conduct_deadlines_process(on=on)
    again = conduct_deadlines_process(on=on)
    assert first["assessment"] >= 1 and again["assessment"] >= 1
    keys = Notice.objects.filter(key__startswith=f"conduct:{case.pk}:assess-reminder").values_list("key", flat=True)
    assert len(keys) == 1
    conduct_deadlines_process(on=case.assess_by + timedelta(days=1))
    assert Notice.objects.filter(key__startswith=f"conduct:{case.pk}:assess-overdue").count() == 1
    assert date.today()  # the clock is the real one: nothing above depends on it


def test_six_months_counts_calendar_months():
    from standards.services.conduct import add_months

    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 11, 30), 6) == date(2027, 5, 30)
