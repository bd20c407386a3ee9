"""Logging, transitions, escalation, referral, actions: each write recorded with actor, reason and time."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint, ComplaintAttachment, ComplaintEvent, RouteDecision
from complaints.permissions import complaints_visible_to
from complaints.services import complaint_action_record, complaint_create, complaint_transition
from notifications.models import Notice
from roles.models import Council

from .factories import adopted_clause

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log(person, code="ll", by="ll-town-clerk", complainant="ll-councillor-1", subject="ll-officer-1", **extra):
    values = {"summary": "No reply to enquiries", "details": "Three e-mails unanswered.", **extra}
    return complaint_create(
        actor=person(by),
        council=Council.objects.get(code=code),
        complainant=person(complainant),
        subject=person(subject),
        **values,
    )


def counts():
    return (
        Complaint.objects.count(),
        RouteDecision.objects.count(),
        ComplaintEvent.objects.count(),
        ComplaintAttachment.objects.count(),
        Notice.objects.count(),
    )


def test_clerk_logs_for_a_councillor_and_it_reaches_the_town_clerk(demo, person, django_capture_on_commit_callbacks):
    clause = adopted_clause(Council.objects.get(code="ll"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complaint = log(
            person,
            channel="letter",
            expectation_ids=[clause.pk],
            uploads=[SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")],
        )
    assert complaint.handler.username == "ll-town-clerk"
    assert complaint.subject_office.slug == "officer" and complaint.chain.clause == "LL 8.7"
    assert list(complaint.expectations.all()) == [clause]
    assert complaint.attachments.get().content_type == "application/pdf"
    assert complaint.history.first().history_user.username == "ll-town-clerk"
    assert complaint.acknowledge_by > complaint.received_on
    assert Notice.objects.filter(
        recipient=person("ll-councillor-1"), key__startswith=f"complaint:{complaint.pk}:"
    ).exists()
    assert callbacks  # e-mail delivery is enqueued on commit
    visible = complaints_visible_to(person("ll-councillor-1"))
    assert visible.filter(pk=complaint.pk).exists()
    assert not complaints_visible_to(person("ll-officer-1")).filter(pk=complaint.pk).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"subject": "ll-councillor-1"}, "subject"),  # complainant is the subject
        ({"subject": "tw-officer-1"}, "subject"),  # subject not in the council
        ({"complainant": "tw-councillor-1", "subject": "ll-officer-1"}, "complainant"),  # complainant not in it
        ({"expectation_ids": [987654]}, "expectations"),  # unknown expectation
        ({"summary": "  "}, "summary"),
    ],
)
def test_bad_input_gives_a_field_error_and_writes_nothing(demo, person, kwargs, field):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        log(person, **kwargs)
    assert field in excinfo.value.message_dict
    assert counts() == before


def test_expectation_of_another_council_is_refused(demo, person):
    other = adopted_clause(Council.objects.get(code="tw"), number="2.9")
    with pytest.raises(ValidationError) as excinfo:
        log(person, expectation_ids=[other.pk])
    assert "adopted protocol" in excinfo.value.message_dict["expectations"][0]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("evil.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf"), "must be a"),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf"), "smaller than"),
    ],
)
def test_disallowed_or_oversized_file_is_refused_and_nothing_written(demo, person, settings, upload, message):
    settings.UPLOAD_MAX_BYTES = 1024
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        log(person, uploads=[upload])
    assert message in excinfo.value.message_dict["attachments"][0]
    assert counts() == before


def test_only_administrators_log_for_someone_else(demo, person):
    with pytest.raises(PermissionDenied):
        log(person, by="ll-councillor-2")


def test_administrator_cannot_log_a_complaint_about_themselves(demo, person):
    with pytest.raises(ValidationError) as excinfo:
        log(person, subject="ll-town-clerk")
    assert "about yourself" in excinfo.value.message_dict["subject"][0]


def test_complaint_about_the_town_clerk_is_hidden_from_them(demo, person):
    complaint = log(person, by="ll-councillor-1", subject="ll-town-clerk")
    assert complaint.handler.username == "ll-town-mayor"
    assert not complaints_visible_to(person("ll-town-clerk")).filter(pk=complaint.pk).exists()


def test_transitions_record_actor_reason_and_time(demo, person):
    complaint = log(person)
    clerk = person("ll-town-clerk")
    complaint_transition(actor=clerk, complaint_id=complaint.pk, to="acknowledged", reason="")
    complaint_transition(actor=clerk, complaint_id=complaint.pk, to="informal_resolution", reason="Meeting arranged")
    complaint.refresh_from_db()
    assert complaint.state == "informal_resolution" and complaint.acknowledged_on is not None
    event = complaint.events.filter(kind="transition").last()
    assert (event.actor, event.from_state, event.to_state, event.text) == (
        clerk,
        "acknowledged",
        "informal_resolution",
        "Meeting arranged",
    )
    assert complaint.history.first().history_change_reason.startswith("Acknowledged → Informal resolution")


def test_move_not_in_the_map_is_refused(demo, person):
    complaint = log(person)
    with pytest.raises(ValidationError) as excinfo:
        complaint_transition(actor=person("ll-town-clerk"), complaint_id=complaint.pk, to="closed", reason="x")
    assert "cannot be marked" in excinfo.value.message_dict["to"][0]


def test_the_deadline_check_may_only_escalate(demo, person):
    """``actor=None`` is the system: the map opens escalation to it and nothing else."""
    complaint = log(person)
    before = complaint.history.count()
    with pytest.raises(PermissionDenied):
        complaint_transition(actor=None, complaint_id=complaint.pk, to="withdrawn", reason="Tidy up")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.history.count()) == ("received", before)


def test_only_the_handler_resolves_and_the_complainant_sees_the_outcome(demo, person):
    complaint = log(person, by="ll-councillor-1", subject="ll-town-clerk")
    with pytest.raises(PermissionDenied):
        complaint_transition(
            actor=person("ll-councillor-1"), complaint_id=complaint.pk, to="resolved", reason="x", outcome="y"
        )
    with pytest.raises(ValidationError) as excinfo:
        complaint_transition(actor=person("ll-town-mayor"), complaint_id=complaint.pk, to="resolved", reason="Done")
    assert "outcome" in excinfo.value.message_dict
    complaint_transition(
        actor=person("ll-town-mayor"),
        complaint_id=complaint.pk,
        to="resolved",
        reason="Done",
        outcome="Apology given and training arranged.",
    )
    notice = Notice.objects.filter(recipient=person("ll-councillor-1"), subject__contains="resolved").get()
    assert "Apology given" in notice.body


def test_complainant_may_withdraw(demo, person):
    complaint = log(person)
    complaint_transition(actor=person("ll-councillor-1"), complaint_id=complaint.pk, to="withdrawn", reason="Sorted")
    complaint.refresh_from_db()
    assert complaint.state == "withdrawn"


def test_escalation_moves_one_step_up_and_keeps_past_handlers_in(demo, person):
    complaint = log(
        person, code="tw", by="tw-member-services-officer", complainant="tw-councillor-1", subject="tw-officer-1"
    )
    assert complaint.handler.username == "tw-director"
    complaint_transition(actor=person("tw-director"), complaint_id=complaint.pk, to="escalated", reason="Unresolved")
    complaint.refresh_from_db()
    assert complaint.handler.username == "tw-chief-executive" and complaint.state == "escalated"
    assert list(complaint.route.filter(round=2).values_list("outcome", flat=True)) == ["taken"]
    assert complaints_visible_to(person("tw-director")).filter(pk=complaint.pk).exists()
    complaint_transition(actor=person("tw-chief-executive"), complaint_id=complaint.pk, to="escalated", reason="Again")
    complaint.refresh_from_db()
    assert complaint.handler.username == "tw-monitoring-officer"
    with pytest.raises(ValidationError) as excinfo:
        complaint_transition(
            actor=person("tw-monitoring-officer"), complaint_id=complaint.pk, to="escalated", reason="And again"
        )
    assert "no further step" in excinfo.value.message_dict["to"][0]


def test_informal_to_formal_needs_consent_or_a_reason(demo, person):
    complaint = log(person, code="ph", by="ph-officer-1", complainant="ph-officer-1", subject="ph-councillor-3")
    handler = person("ph-town-clerk")
    complaint_transition(actor=handler, complaint_id=complaint.pk, to="informal_resolution", reason="Conciliation")
    with pytest.raises(ValidationError) as excinfo:
        complaint_transition(
            actor=handler, complaint_id=complaint.pk, to="referred", reason="Not resolved", procedure="code_of_conduct"
        )
    assert "formal_basis" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        complaint_transition(
            actor=handler,
            complaint_id=complaint.pk,
            to="referred",
            reason="Not resolved",
            procedure="disciplinary",
            formal_basis="consent",
        )
    assert "Grievance" in excinfo.value.message_dict["procedure"][0]  # the chain lists what PH refers to
    complaint_transition(
        actor=handler,
        complaint_id=complaint.pk,
        to="referred",
        reason="Not resolved",
        procedure="code_of_conduct",
        formal_basis="consent",
    )
    complaint.refresh_from_db()
    # PH's Monitoring Officer is the District Council's: they now see it.
    assert complaint.referred_to.username == "ld-monitoring-officer"
    assert complaints_visible_to(person("ld-monitoring-officer")).filter(pk=complaint.pk).exists()
    complaint_transition(
        actor=person("ld-monitoring-officer"),
        complaint_id=complaint.pk,
        to="resolved",
        reason="Code of Conduct finding",
        outcome="Breach found; apology.",
    )


def test_handler_records_action_and_the_complainant_is_told(demo, person):
    complaint = log(person, code="tw", by="tw-councillor-1", complainant="tw-councillor-1", subject="tw-officer-1")
    complaint_action_record(
        actor=person("tw-director"), complaint_id=complaint.pk, intended=True, text="Will meet the officer on Monday."
    )
    assert complaint.events.filter(kind="action_intended").exists()
    assert Notice.objects.filter(recipient=person("tw-councillor-1"), body__contains="meet the officer").exists()
    with pytest.raises(PermissionDenied):
        complaint_action_record(actor=person("tw-councillor-1"), complaint_id=complaint.pk, intended=False, text="x")


def test_told_people_see_it_and_get_a_notice(demo, person):
    complaint = log(person, code="ki", by="ki-clerk", complainant="ki-councillor-1", subject="ki-officer-1")
    chair = person("ki-chair")
    assert complaints_visible_to(chair).filter(pk=complaint.pk).exists()
    assert Notice.objects.filter(recipient=chair, key__startswith=f"complaint:{complaint.pk}:told").exists()
