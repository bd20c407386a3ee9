"""An invented parish's procedure, set up as data, routes its three kinds of case correctly:
the complainant may address the Chairman instead of the Clerk; a complaint about the Clerk's or the
Chairman's own actions goes to the Council as a body at its next meeting (the complainant told the
date); the person complained of is told and may comment before it is settled."""

from datetime import date, timedelta

import pytest

from access_requests.models import Meeting
from complaints.models import ChainStep, RoutingChain, SubjectComment
from complaints.services import complaint_create
from complaints.services.bodies import complaint_schedule_at_meeting
from complaints.services.outsiders import Outsider
from notifications.models import Notice
from protocol_portal.core.workdays import today
from roles.models import Appointment, Committee, CommitteeMembership, Council, Office, Person

pytestmark = pytest.mark.django_db

START = date(2025, 5, 1)


@pytest.fixture
def hollowmere(db):  # type: ignore[no-untyped-def]
    council = Council.objects.create(name="Hollowmere Parish Council", slug="hollowmere", code="hm", tier="parish")
    offices = {
        "clerk": Office.objects.create(
            council=council, slug="clerk", name="Clerk", kind="officer", is_administrator=True, is_proper_officer=True
        ),
        "chairman": Office.objects.create(
            council=council, slug="chairman", name="Chairman", kind="member", is_chair_of_council=True
        ),
        "councillor": Office.objects.create(
            council=council, slug="councillor", name="Councillor", kind="member", multiple_holders=True
        ),
    }
    people = {}
    for username, office in [
        ("hm-clerk", "clerk"),
        ("hm-chairman", "chairman"),
        ("hm-councillor-1", "councillor"),
        ("hm-councillor-2", "councillor"),
    ]:
        people[username] = Person.objects.create(username=username, first_name=username, email=f"{username}@x.test")
        Appointment.objects.create(person=people[username], office=offices[office], basis="elected", start_date=START)
    body = Committee.objects.create(
        council=council, name="Hollowmere Parish Council", slug="council", kind="full_council"
    )
    for username in ("hm-chairman", "hm-councillor-1", "hm-councillor-2"):
        role = "chair" if username == "hm-chairman" else "member"
        CommitteeMembership.objects.create(committee=body, person=people[username], role=role, start_date=START)
    chain = RoutingChain.objects.create(
        council=council,
        kind="other",
        is_fallback=True,
        name="Complaints procedure",
        slug="complaints",
        subject_may_comment=True,
        subject_comment_within=10,
    )
    steps = [
        {
            "rule": "committee",
            "committee": body,
            "decides_as_body": True,
            "only_if_subject_holds": offices["clerk"],
            "label": "the Council (the Clerk's own actions)",
        },
        {
            "rule": "committee",
            "committee": body,
            "decides_as_body": True,
            "only_if_subject_holds": offices["chairman"],
            "label": "the Council (the Chairman's own actions)",
        },
        {"rule": "office", "office": offices["clerk"], "label": "the Clerk"},
        {"rule": "office", "office": offices["chairman"], "complainant_may_choose": True, "label": "the Chairman"},
    ]
    for position, spec in enumerate(steps, start=1):
        ChainStep.objects.create(chain=chain, position=position, **spec)
    return council, people


def log(council, people, subject, **extra):  # type: ignore[no-untyped-def]
    # A complaint about the Clerk is logged by the Chairman (who administers the portal in the Clerk's stead).
    if subject == "hm-clerk":
        Office.objects.filter(council=council, slug="chairman").update(is_administrator=True)
    return complaint_create(
        actor=people["hm-chairman" if subject == "hm-clerk" else "hm-clerk"],
        council=council,
        complainant=None,
        outsider=Outsider(name="Ada Reed", email="ada@example.org"),
        subject=people[subject],
        summary=f"About {subject}",
        details="What happened, in the complainant's words.",
        **extra,
    )


def test_an_ordinary_case_goes_to_the_clerk_or_to_the_chairman_if_the_complainant_chooses(hollowmere):
    council, people = hollowmere
    assert log(council, people, "hm-councillor-1").handler.username == "hm-clerk"
    chosen = log(council, people, "hm-councillor-2", addressed_to="chairman")
    assert chosen.handler.username == "hm-chairman"
    assert SubjectComment.objects.filter(complaint=chosen).exists()  # the councillor is told and may comment


@pytest.mark.parametrize("subject", ["hm-clerk", "hm-chairman"])
def test_the_clerks_or_chairmans_own_actions_go_to_the_council_at_its_next_meeting(hollowmere, subject):
    council, people = hollowmere
    complaint = log(council, people, subject)
    assert complaint.current_step.decides_as_body and "the Council" in complaint.current_step.label
    assert complaint.handler.username != subject
    meeting = Meeting.objects.create(council=council, title="Parish Council", date=today() + timedelta(days=10))
    complaint_schedule_at_meeting(
        actor=people["hm-clerk"] if subject != "hm-clerk" else complaint.handler,
        complaint_id=complaint.pk,
        meeting_id=meeting.pk,
    )
    told = Notice.objects.get(recipient=complaint.complainant, key__contains="scheduled")
    assert f"{meeting.date:%d %B %Y}" in told.subject
    assert Notice.objects.filter(recipient=people[subject], key__contains="subject-invited").exists()
