"""The contract's conduct-complaint and public-register endpoints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from protocol_portal.core.workdays import today
from roles.models import Committee
from standards.models import ConductComplaint
from standards.services import conduct_hearing_refer, conduct_investigation_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo, person):
    def as_user(username: str) -> APIClient:
        client = APIClient()
        _, token = AuthToken.objects.create(user=person(username))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return as_user


BODY = {"council": "peacehaven", "subject": "ph-councillor-1", "allegation": "Belittled me at a committee meeting."}


def test_create_assess_view_decide(api, person):
    created = api("ph-officer-1").post(reverse("api-conduct-list"), BODY, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "received" and body["monitoring_officer"] == "ld-monitoring-officer"
    assert body["assess_by"] and body["complainant"] == "ph-officer-1"
    pk = body["id"]
    mo = api("ld-monitoring-officer")
    assessed = mo.post(
        reverse("api-conduct-assess", args=[pk]), {"decision": "investigate", "reasons": "Arguable"}, format="json"
    )
    assert assessed.status_code == 200 and assessed.json()["state"] == "investigation"
    decide = {"finding": "breach", "sanctions": ["censure"], "reasons": "Disrespect."}
    refused = mo.post(reverse("api-conduct-decide", args=[pk]), decide, format="json")
    assert refused.status_code == 400 and "s28(7)" in str(refused.json())
    assert ConductComplaint.objects.get(pk=pk).state == "investigation"
    assert api("ph-officer-1").post(reverse("api-conduct-ip-view", args=[pk]), {"view": "x"}).status_code == 403
    viewed = api("ld-independent-person").post(
        reverse("api-conduct-ip-view", args=[pk]), {"view": "A breach, censure."}, format="json"
    )
    assert viewed.status_code == 200 and viewed.json()["ip_view"] == "A breach, censure."
    decided = mo.post(reverse("api-conduct-decide", args=[pk]), decide, format="json")
    assert decided.status_code == 200, decided.content
    assert decided.json()["state"] == "decided" and decided.json()["sanctions"] == ["censure"]
    notices = APIClient().get(reverse("api-decision-notices", args=["peacehaven"])).json()
    mine = [n for n in notices if n["reference"] == decided.json()["reference"]]
    assert mine and mine[0]["finding"] == "breach" and mine[0]["complainant"] is None
    assert mine[0]["recommended_to_council"] is True
    from notifications.models import Notice

    recommendation = Notice.objects.get(recipient__username="ph-town-clerk", key__contains=":recommendation:")
    assert "recommended to Peacehaven" in recommendation.subject and "ph-officer-1" not in recommendation.body
    assert "ph-officer-1" not in str(notices) and str(person("ph-officer-1")) not in str(notices)


def test_a_resident_logged_by_the_monitoring_officer(api):
    body = {**BODY, "complainant_name": "Rita Resident", "complainant_email": "rita@example.invalid"}
    created = api("ld-monitoring-officer").post(reverse("api-conduct-list"), body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["complainant"] == "Rita Resident"
    assert api("ph-officer-2").post(reverse("api-conduct-list"), body, format="json").status_code == 403


def test_bad_input_is_400_and_writes_nothing(api):
    before = ConductComplaint.objects.count()
    client = api("ph-officer-1")
    assert client.post(reverse("api-conduct-list"), {**BODY, "council": "nowhere"}, format="json").status_code == 400
    assert client.post(reverse("api-conduct-list"), {**BODY, "subject": "nobody"}, format="json").status_code == 400
    response = client.post(reverse("api-conduct-list"), {**BODY, "subject": "ph-town-clerk"}, format="json")
    assert response.status_code == 400 and "subject" in response.json()
    assert client.post(reverse("api-conduct-list"), {**BODY, "allegation": ""}, format="json").status_code == 400
    assert ConductComplaint.objects.count() == before


def test_others_get_404_and_the_wrong_role_403(api):
    pk = api("ph-officer-1").post(reverse("api-conduct-list"), BODY, format="json").json()["id"]
    assert api("tw-monitoring-officer").get(reverse("api-conduct-detail", args=[pk])).status_code == 404
    assess = {"decision": "investigate", "reasons": "r"}
    assert api("tw-monitoring-officer").post(reverse("api-conduct-assess", args=[pk]), assess).status_code == 404
    assert api("ph-officer-1").post(reverse("api-conduct-assess", args=[pk]), assess).status_code == 403
    bad = api("ld-monitoring-officer").post(reverse("api-conduct-assess", args=[pk]), {"decision": "x", "reasons": ""})
    assert bad.status_code == 400 and set(bad.json()) >= {"decision", "reasons"}


def test_hearing_then_unknown_sanction_is_400(api, person):
    pk = api("ph-officer-1").post(reverse("api-conduct-list"), BODY, format="json").json()["id"]
    mo = api("ld-monitoring-officer")
    mo.post(reverse("api-conduct-assess", args=[pk]), {"decision": "investigate", "reasons": "r"})
    actor = person("ld-monitoring-officer")
    conduct_investigation_record(actor=actor, case_id=pk, investigator_name="I", report="Report")
    conduct_hearing_refer(
        actor=actor,
        case_id=pk,
        committee=Committee.objects.get(slug="standards-sub-committee"),
        hearing_on=today() + timedelta(days=5),
        reason="r",
    )
    api("ld-independent-person").post(reverse("api-conduct-ip-view", args=[pk]), {"view": "v"})
    bad = api("ld-councillor-1").post(
        reverse("api-conduct-decide", args=[pk]),
        {"finding": "breach", "sanctions": ["suspension"], "reasons": "r"},
        format="json",
    )
    assert bad.status_code == 400 and "suspend" in str(bad.json())


def test_public_endpoints_need_no_sign_in(demo):
    client = APIClient()
    for name in ("api-decision-notices", "api-interest-register", "api-acting-against-register"):
        assert client.get(reverse(name, args=["peacehaven"])).status_code == 200


def test_a_lost_race_is_409(api):
    pk = api("ph-officer-1").post(reverse("api-conduct-list"), BODY, format="json").json()["id"]
    body = {"decision": "investigate", "reasons": "r", "expected_state": "investigation"}  # not what it is now
    response = api("ld-monitoring-officer").post(reverse("api-conduct-assess", args=[pk]), body, format="json")
    assert response.status_code == 409 and "Someone else changed this" in str(response.json())
    assert ConductComplaint.objects.get(pk=pk).state == "received"
