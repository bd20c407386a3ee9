"""The second-round complaint API (CONTRACT.md): residents, respond, escalate, extend, the yearly report."""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from complaints.models import ChainStep, Complaint, StageResponse
from roles.models import Office

pytestmark = pytest.mark.django_db

RESIDENT = {
    "council": "leighton-linslade",
    "complainant_name": "Rosa Quill",
    "complainant_email": "rosa.quill@example.org",
    "subject": "ll-officer-1",
    "summary": "Bins left uncollected",
    "details": "Twice promised, never collected.",
    "channel": "letter",
}


@pytest.fixture
def api(demo, person):
    def as_user(username: str) -> APIClient:
        client = APIClient()
        _, token = AuthToken.objects.create(user=person(username))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return as_user


def test_resident_answered_escalated_and_answered_by_someone_else(api):
    clerk = api("ll-town-clerk")
    created = clerk.post(reverse("api-complaint-list"), RESIDENT, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["stage"], body["finding"], body["extensions"], body["handler"]) == (1, None, [], "ll-town-clerk")
    pk = body["id"]

    early = clerk.post(reverse("api-complaint-escalate", args=[pk]), {"reason": "Too slow"}, format="json")
    assert early.status_code == 400 and "not been answered yet" in str(early.json())

    missing = clerk.post(reverse("api-complaint-respond", args=[pk]), {"response": "No."}, format="json")
    assert missing.status_code == 400 and "finding" in missing.json()
    assert not StageResponse.objects.exists()

    answered = clerk.post(
        reverse("api-complaint-respond", args=[pk]),
        {"finding": "not_upheld", "response": "Collections were made."},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["finding"] == "not_upheld"

    escalated = clerk.post(reverse("api-complaint-escalate", args=[pk]), {"reason": "They were not."}, format="json")
    assert escalated.status_code == 200, escalated.content
    assert escalated.json()["stage"] == 2 and escalated.json()["handler"] not in {"ll-town-clerk"}
    assert escalated.json()["finding"] is None

    again = clerk.post(reverse("api-complaint-escalate", args=[pk]), {"reason": "Again"}, format="json")
    assert again.status_code == 400

    extended = api(escalated.json()["handler"]).post(
        reverse("api-complaint-extend", args=[pk]), {"working_days": 5, "reason": "Site visit"}, format="json"
    )
    assert extended.status_code == 200, extended.content
    assert [(e["stage"], e["reason"]) for e in extended.json()["extensions"]] == [(2, "Site visit")]
    assert extended.json()["respond_by"] == extended.json()["extensions"][0]["new_date"]
    too_long = api(escalated.json()["handler"]).post(
        reverse("api-complaint-extend", args=[pk]), {"working_days": 16, "reason": "More"}, format="json"
    )
    assert too_long.status_code == 400 and "at most 20 working days" in str(too_long.json())


def test_only_administrators_log_for_someone_without_office(api):
    before = Complaint.objects.count()
    response = api("ll-councillor-1").post(reverse("api-complaint-list"), RESIDENT, format="json")
    assert response.status_code == 403
    bad = api("ll-town-clerk").post(
        reverse("api-complaint-list"), {**RESIDENT, "complainant_email": "nope"}, format="json"
    )
    assert bad.status_code == 400 and "complainant_email" in bad.json()
    assert Complaint.objects.count() == before


def test_the_complainant_may_address_an_office_the_chain_offers(api):
    mayor_step = ChainStep.objects.get(chain__council__slug="leighton-linslade", chain__slug="fallback", position=3)
    mayor_step.office = Office.objects.get(council__slug="leighton-linslade", slug="town-mayor")
    mayor_step.rule = "office"
    mayor_step.complainant_may_choose = True
    mayor_step.save()
    clerk = api("ll-town-clerk")
    refused = clerk.post(reverse("api-complaint-list"), {**RESIDENT, "addressed_to": "manager"}, format="json")
    assert refused.status_code == 400 and "town-mayor" in str(refused.json()["addressed_to"])
    chosen = clerk.post(reverse("api-complaint-list"), {**RESIDENT, "addressed_to": "town-mayor"}, format="json")
    assert chosen.status_code == 201 and chosen.json()["handler"] == "ll-town-mayor"


def test_the_report_is_for_administrators_the_mo_and_the_member_responsible(api, person):
    url = reverse("api-complaints-report", args=["leighton-linslade"])
    created = api("ll-town-clerk").post(reverse("api-complaint-list"), RESIDENT, format="json").json()
    year = int(created["received_on"][:4])
    letters = Complaint.objects.filter(council__slug="leighton-linslade", received_on__year=year, channel="letter")
    report = api("ll-town-clerk").get(url, {"year": year})
    assert report.status_code == 200
    assert report.json()["by_channel"]["letter"] == letters.count() >= 1
    assert report.json()["total"] == report.json()["stages"][0]["reached"]
    assert api("ll-councillor-2").get(url, {"year": year}).status_code == 403
    assert api("cb-monitoring-officer").get(url, {"year": year}).status_code == 200  # the principal council's MO
    Office.objects.filter(council__slug="leighton-linslade", slug="deputy-town-mayor").update(is_complaints_member=True)
    deputy = Office.objects.get(council__slug="leighton-linslade", slug="deputy-town-mayor")
    holder = deputy.appointments.first().person.username
    assert api(holder).get(url, {"year": year}).status_code == 200
    assert api("ll-town-clerk").get(url, {"year": "next"}).status_code == 400
