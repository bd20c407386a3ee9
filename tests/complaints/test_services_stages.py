"""Stages (LGSCO Complaint Handling Code): responses with findings, the complainant's escalation, extensions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintExtension,
    ComplaintStage,
    RemedyAction,
    RouteDecision,
    StageResponse,
)
from complaints.services import (
    complaint_create,
    complaint_escalate_stage,
    complaint_extend,
    complaint_respond,
    complaint_transition,
    remedy_action_done,
)
from complaints.services.outsiders import Outsider
from notifications.models import Notice
from roles.models import Council, RelationshipDeclaration

pytestmark = pytest.mark.django_db

# Monday 30 March 2026: Good Friday (3 April) and Easter Monday (6 April) fall in stage 1.
BEFORE_EASTER = date(2026, 3, 30)


def resident_complaint(person, received_on=BEFORE_EASTER):  # type: ignore[no-untyped-def]
    return complaint_create(
        actor=person("ll-town-clerk"),
        council=Council.objects.get(code="ll"),
        complainant=None,
        outsider=Outsider(name="Rosa Quill", email="rosa.quill@example.org"),
        subject=person("ll-officer-1"),
        summary="Bins left uncollected",
        details="The officer promised a collection twice and nothing happened.",
        channel="letter",
        received_on=received_on,
    )


def written():  # type: ignore[no-untyped-def]
    return (
        StageResponse.objects.count(),
        ComplaintExtension.objects.count(),
        ComplaintEvent.objects.count(),
        RouteDecision.objects.count(),
        Complaint.history.count(),
        Notice.objects.count(),
    )


def test_stage_one_deadlines_count_working_days_across_the_easter_bank_holidays(demo, person):
    complaint = resident_complaint(person)
    assert complaint.stage == 1
    assert complaint.acknowledge_by == date(2026, 4, 8)  # 5 working days, Good Friday and Easter Monday skipped
    assert complaint.respond_by == date(2026, 4, 22)  # 10 working days after the acknowledgement deadline
    complaint_transition(
        actor=person("ll-town-clerk"), complaint_id=complaint.pk, to="acknowledged", reason="", on=date(2026, 4, 1)
    )
    complaint.refresh_from_db()
    assert complaint.respond_by == date(2026, 4, 17)  # 10 working days from the acknowledgement itself


def test_stage_two_deadlines_are_five_and_twenty_working_days_across_the_may_bank_holidays(demo, person):
    complaint = resident_complaint(person)
    complaint_respond(
        actor=person("ll-town-clerk"),
        complaint_id=complaint.pk,
        finding="not_upheld",
        response="Collections were made.",
        on=date(2026, 4, 21),
    )
    complaint_escalate_stage(
        actor=person("ll-town-clerk"), complaint_id=complaint.pk, reason="They were not.", on=date(2026, 4, 22)
    )
    complaint.refresh_from_db()
    assert complaint.stage == 2
    assert complaint.acknowledge_by == date(2026, 4, 29)
    assert complaint.respond_by == date(2026, 5, 29)  # 20 working days; 4 and 25 May are bank holidays


def test_a_residents_complaint_records_name_and_contact_without_a_login(demo, person):
    complaint = resident_complaint(person)
    resident = complaint.complainant
    assert complaint.complainant_is_outsider and complaint.complainant_office is None
    assert str(resident) == "Rosa Quill" and resident.email == "rosa.quill@example.org"
    assert not resident.has_usable_password() and not resident.is_active
    assert complaint.chain.is_fallback
    assert complaint.handler.username == "ll-town-clerk"
    # The resident is told by e-mail (a notice to their recorded address).
    assert Notice.objects.filter(recipient=resident, key__endswith=":logged:" + str(resident.pk)).exists()


def test_only_administrators_log_an_outsiders_complaint_and_bad_contact_details_are_refused(demo, person):
    council = Council.objects.get(code="ll")
    before = (Complaint.objects.count(), Notice.objects.count())
    with pytest.raises(PermissionDenied):
        complaint_create(
            actor=person("ll-councillor-1"),
            council=council,
            complainant=None,
            outsider=Outsider(name="Rosa Quill", email="rosa@example.org"),
            subject=person("ll-officer-1"),
            summary="x",
            details="y",
        )
    with pytest.raises(ValidationError) as excinfo:
        complaint_create(
            actor=person("ll-town-clerk"),
            council=council,
            complainant=None,
            outsider=Outsider(name=" ", email="not-an-address"),
            subject=person("ll-officer-1"),
            summary="x",
            details="y",
        )
    assert set(excinfo.value.message_dict) == {"complainant_name", "complainant_email"}
    assert (Complaint.objects.count(), Notice.objects.count()) == before


def test_resident_journey_stage_two_goes_to_someone_who_did_not_handle_stage_one(demo, person):
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    answer = complaint_respond(
        actor=clerk,
        complaint_id=complaint.pk,
        finding="not_upheld",
        response="The collections were made on the scheduled days.",
        on=date(2026, 4, 10),
    )
    complaint.refresh_from_db()
    assert complaint.state == "resolved" and complaint.finding == "not_upheld"
    assert answer.within_deadline and "stage 2" in answer.next_route.lower()
    told = Notice.objects.filter(recipient=complaint.complainant, subject__icontains="resolved").get()
    assert "Not upheld" in told.body and "Stage 2" in told.body

    complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="The bins are still there.")
    complaint.refresh_from_db()
    assert complaint.stage == 2 and complaint.state == "escalated" and complaint.finding == ""
    assert complaint.handler.username == "ll-town-mayor"
    stage_two = complaint.route.filter(round=2)
    assert stage_two.filter(outcome="skipped_past_handler", holder=clerk).exists()

    with pytest.raises(PermissionDenied):
        complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="upheld", response="x")
    complaint_respond(
        actor=person("ll-town-mayor"), complaint_id=complaint.pk, finding="upheld", response="An apology is due."
    )
    complaint.refresh_from_db()
    assert complaint.finding == "upheld"
    assert list(complaint.responses.values_list("stage", "finding")) == [(1, "not_upheld"), (2, "upheld")]
    assert "Ombudsman" in complaint.responses.get(stage=2).next_route


def test_escalating_twice_is_refused_and_writes_nothing(demo, person):
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="not_upheld", response="No fault found.")
    complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="Not satisfied.")
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="Again.")
    assert "final stage" in excinfo.value.message_dict["reason"][0]
    assert written() == before


def test_escalation_before_the_answer_is_refused_unless_the_stage_is_overdue(demo, person):
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    complaint_transition(actor=clerk, complaint_id=complaint.pk, to="acknowledged", reason="", on=date(2026, 4, 1))
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="Too slow", on=date(2026, 4, 17))
    assert "not been answered yet and is not overdue" in " ".join(excinfo.value.messages)
    assert written() == before
    complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="No answer", on=date(2026, 4, 20))
    complaint.refresh_from_db()
    assert complaint.stage == 2 and complaint.handler.username == "ll-town-mayor"


def test_only_the_complainant_or_whoever_logged_it_escalates(demo, person):
    complaint = complaint_create(
        actor=person("ll-councillor-1"),
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-1"),
        subject=person("ll-town-clerk"),
        summary="Minutes not published",
        details="x",
    )
    assert complaint.handler.username == "ll-town-mayor"
    complaint_respond(actor=person("ll-town-mayor"), complaint_id=complaint.pk, finding="not_upheld", response="No.")
    with pytest.raises(PermissionDenied):
        complaint_escalate_stage(actor=person("ll-town-mayor"), complaint_id=complaint.pk, reason="I would like to")


def test_stage_two_never_goes_to_someone_with_a_declared_relationship(demo, person):
    complaint = resident_complaint(person)
    RelationshipDeclaration.objects.create(
        council=Council.objects.get(code="ll"),
        member=person("ll-town-mayor"),
        officer=person("ll-officer-1"),
        nature="relative",
        start_date=date(2026, 1, 1),
    )
    clerk = person("ll-town-clerk")
    complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="not_upheld", response="No fault.")
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="Not satisfied.")
    assert "No step of this council's chain is left to handle Stage 2" in excinfo.value.message_dict["reason"][0]
    assert written() == before


def test_which_step_handles_stage_two_is_the_councils_setting(demo, person):
    council = Council.objects.get(code="ll")
    ComplaintStage.objects.create(council=council, number=1, name="First look", respond_within=10)
    ComplaintStage.objects.create(
        council=council, number=2, name="Review", respond_within=20, extension_limit=20, handler_step_position=3
    )
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="partly_upheld", response="In part.")
    complaint_escalate_stage(actor=clerk, complaint_id=complaint.pk, reason="Only in part.")
    complaint.refresh_from_db()
    assert complaint.handler.username == "ll-town-mayor"
    assert list(complaint.route.filter(round=2).values_list("position", flat=True)) == [3]


def test_responding_without_a_finding_or_twice_is_refused_and_writes_nothing(demo, person):
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="", response="")
    assert set(excinfo.value.message_dict) == {"finding", "response"}
    with pytest.raises(ValidationError):
        complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="dismissed", response="x")
    assert written() == before
    complaint_respond(
        actor=clerk,
        complaint_id=complaint.pk,
        finding="upheld",
        response="We got it wrong.",
        remedy="An apology and a collection.",
        actions=["Collect the bins", "Apologise in writing"],
    )
    before = written()
    with pytest.raises(ValidationError):
        complaint_respond(actor=clerk, complaint_id=complaint.pk, finding="upheld", response="Again")
    assert written() == before
    action = RemedyAction.objects.get(complaint=complaint, text="Collect the bins")
    remedy_action_done(actor=clerk, action_id=action.pk, on=date(2026, 4, 30))
    action.refresh_from_db()
    assert action.done_on == date(2026, 4, 30) and action.history.first().history_user == clerk
    with pytest.raises(ValidationError):
        remedy_action_done(actor=clerk, action_id=action.pk)


def test_extensions_are_limited_per_stage_without_an_exceptional_reason(demo, person):
    complaint = resident_complaint(person)
    clerk = person("ll-town-clerk")
    first = complaint_extend(actor=clerk, complaint_id=complaint.pk, working_days=6, reason="Witness on leave")
    assert (first.previous_date, first.new_date) == (date(2026, 4, 22), date(2026, 4, 30))
    told = Notice.objects.filter(recipient=complaint.complainant, subject__icontains="more time").get()
    assert "30 April 2026" in told.body and "Witness on leave" in told.body
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        complaint_extend(actor=clerk, complaint_id=complaint.pk, working_days=5, reason="Still away")
    assert "at most 10 working days" in excinfo.value.message_dict["working_days"][0]
    with pytest.raises(ValidationError) as excinfo:
        complaint_extend(actor=clerk, complaint_id=complaint.pk, working_days=0, reason="")
    assert set(excinfo.value.message_dict) == {"working_days", "reason"}
    assert written() == before
    complaint_extend(
        actor=clerk,
        complaint_id=complaint.pk,
        working_days=5,
        reason="Still away",
        exceptional_reason="Police investigation under way",
    )
    complaint.refresh_from_db()
    assert complaint.respond_by == date(2026, 5, 8)  # 4 May is a bank holiday
    assert list(complaint.extensions.values_list("stage", "working_days")) == [(1, 6), (1, 5)]
    with pytest.raises(PermissionDenied):
        complaint_extend(actor=person("ll-councillor-1"), complaint_id=complaint.pk, working_days=1, reason="x")
