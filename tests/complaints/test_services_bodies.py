"""Bodies that decide: a meeting's closed agenda, the complainant told the date, the body's resolution."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from access_requests.models import AgendaItem, Meeting
from complaints.models import ChainStep, Complaint, StageResponse
from complaints.permissions import complaints_visible_to
from complaints.services import complaint_create, complaint_respond
from complaints.services.bodies import complaint_schedule_at_meeting
from notifications.models import Notice
from protocol_portal.core.workdays import today
from roles.models import Committee, Council, RelationshipDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_the_clerk(demo, person):  # type: ignore[no-untyped-def]
    council = Council.objects.get(code="ll")
    step = ChainStep.objects.get(chain__council=council, chain__slug="member-about-officer", position=2)
    step.rule, step.flag = "committee", ""
    step.committee = Committee.objects.get(council=council, slug="full-council")
    step.label, step.decides_as_body = "the Town Council", True
    step.save()
    return complaint_create(
        actor=person("ll-councillor-1"),
        council=council,
        complainant=person("ll-councillor-1"),
        subject=person("ll-town-clerk"),
        summary="Minutes altered after approval",
        details="x",
    )


def test_a_complaint_about_the_clerk_is_decided_by_the_full_council_at_a_meeting(about_the_clerk, person):
    complaint = about_the_clerk
    council = complaint.council
    convener = person(complaint.handler.username)
    RelationshipDeclaration.objects.create(
        council=council,
        member=person("ll-councillor-3"),
        officer=person("ll-town-clerk"),
        nature="friendship",
        start_date=today() - timedelta(days=30),
    )
    with pytest.raises(ValidationError) as excinfo:
        complaint_respond(actor=convener, complaint_id=complaint.pk, finding="upheld", response="x")
    assert "place it on a meeting's agenda first" in excinfo.value.message_dict["finding"][0]
    meeting = Meeting.objects.create(council=council, title="Town Council", date=today() + timedelta(days=7))
    complaint_schedule_at_meeting(actor=convener, complaint_id=complaint.pk, meeting_id=meeting.pk)
    complaint.refresh_from_db()
    assert complaint.meeting == meeting
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.part == "closed" and "Minutes" not in item.title  # the agenda names no one
    told = Notice.objects.get(recipient=complaint.complainant, key__contains=f"scheduled:{meeting.pk}")
    assert f"{meeting.date:%d %B %Y}" in told.subject
    assert not complaints_visible_to(person("ll-councillor-3")).filter(pk=complaint.pk).exists()  # conflicted
    assert complaints_visible_to(person("ll-councillor-2")).filter(pk=complaint.pk).exists()

    with pytest.raises(ValidationError) as excinfo:
        complaint_respond(actor=convener, complaint_id=complaint.pk, finding="upheld", response="x")
    assert "decides at its meeting on" in excinfo.value.message_dict["finding"][0]
    clerk_of_the_meeting = person("ll-town-clerk")  # an administrator, but the subject: refused
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        complaint_respond(
            actor=clerk_of_the_meeting, complaint_id=complaint.pk, finding="upheld", response="x", on=meeting.date
        )
    complaint_respond(
        actor=convener,
        complaint_id=complaint.pk,
        finding="partly_upheld",
        response="The minutes are restored; training is arranged.",
        on=meeting.date,
    )
    complaint = Complaint.objects.get(pk=complaint.pk)
    answer = StageResponse.objects.get(complaint=complaint)
    assert answer.meeting == meeting
    assert complaint.outcome.startswith(f"Resolution of the Town Council at its meeting on {meeting.date:%d %B %Y}")


def test_a_meeting_of_another_council_or_already_held_is_refused(about_the_clerk, person):
    complaint = about_the_clerk
    convener = person(complaint.handler.username)
    other = Meeting.objects.create(council=Council.objects.get(code="ki"), title="KI", date=today())
    past = Meeting.objects.create(council=complaint.council, title="Past", date=today() - timedelta(days=1))
    items = AgendaItem.objects.count()
    for meeting in (other, past):
        with pytest.raises(ValidationError):
            complaint_schedule_at_meeting(actor=convener, complaint_id=complaint.pk, meeting_id=meeting.pk)
    assert AgendaItem.objects.count() == items and Complaint.objects.get(pk=complaint.pk).meeting is None
