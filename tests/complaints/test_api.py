"""The API of CONTRACT.md: same services and permissions as the pages."""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from complaints.models import Complaint

pytestmark = pytest.mark.django_db

BODY = {
    "council": "tewkesbury",
    "complainant": "tw-councillor-1",
    "subject": "tw-chief-executive",
    "summary": "Refused to meet",
    "details": "Three requests declined.",
}


@pytest.fixture
def api(demo, person):
    def as_user(username: str) -> APIClient:
        client = APIClient()
        _, token = AuthToken.objects.create(user=person(username))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return as_user


def test_create_returns_handler_and_route(api):
    response = api("tw-councillor-1").post(reverse("api-complaint-list"), {**BODY, "complainant": ""}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "received" and body["handler"] == "tw-monitoring-officer"
    assert [(r["office"], r["holder"], r["taken"]) for r in body["route"]] == [
        ("Chief Executive", "tw-chief-executive", False),
        ("Chief Executive", "tw-chief-executive", False),
        ("Monitoring Officer", "tw-monitoring-officer", True),
    ]
    assert all(r["why"] for r in body["route"])


def test_complainant_defaults_to_the_caller(api):
    body = {k: v for k, v in BODY.items() if k != "complainant"}
    response = api("tw-councillor-1").post(reverse("api-complaint-list"), body, format="json")
    assert response.status_code == 201
    assert response.json()["complainant"] == "tw-councillor-1"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subject": "tw-councillor-1"}, "subject"),
        ({"subject": "ll-officer-1"}, "subject"),
        ({"subject": "nobody-at-all"}, "subject"),
        ({"council": "atlantis"}, "council"),
        ({"expectations": [999999]}, "expectations"),
        ({"summary": ""}, "summary"),
    ],
)
def test_bad_input_is_400_field_keyed_and_writes_nothing(api, change, field):
    before = Complaint.objects.count()
    response = api("tw-councillor-1").post(reverse("api-complaint-list"), {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Complaint.objects.count() == before


def test_logging_for_someone_else_needs_an_administrator(api):
    response = api("tw-councillor-2").post(reverse("api-complaint-list"), BODY, format="json")
    assert response.status_code == 403
    assert api("tw-member-services-officer").post(reverse("api-complaint-list"), BODY, format="json").status_code == 201


def test_list_and_detail_show_only_what_the_caller_may_see(api):
    created = api("tw-councillor-1").post(reverse("api-complaint-list"), BODY, format="json").json()
    url = reverse("api-complaint-detail", args=[created["id"]])
    assert api("tw-monitoring-officer").get(url).status_code == 200
    assert api("tw-chief-executive").get(url).status_code == 404
    listed = api("tw-chief-executive").get(reverse("api-complaint-list")).json()["results"]
    assert created["id"] not in {c["id"] for c in listed}


def test_transition_api(api):
    created = api("tw-councillor-1").post(reverse("api-complaint-list"), BODY, format="json").json()
    url = reverse("api-complaint-transition", args=[created["id"]])
    assert api("tw-chief-executive").post(url, {"to": "acknowledged"}, format="json").status_code == 404
    assert api("tw-councillor-1").post(url, {"to": "acknowledged"}, format="json").status_code == 403
    bad = api("tw-monitoring-officer").post(url, {"to": "closed", "reason": "x"}, format="json")
    assert bad.status_code == 400 and "to" in bad.json()
    assert api("tw-monitoring-officer").post(url, {"to": "flying"}, format="json").status_code == 400
    ok = api("tw-monitoring-officer").post(url, {"to": "acknowledged", "reason": ""}, format="json")
    assert ok.status_code == 200 and ok.json()["state"] == "acknowledged"


def test_route_preview_writes_nothing(api):
    before = Complaint.objects.count()
    response = api("tw-member-services-officer").post(
        reverse("api-complaint-route-preview"),
        {"council": "tewkesbury", "complainant": "tw-councillor-4", "subject": "tw-officer-1"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["handler"] == "tw-chief-executive"
    assert body["route"][0]["outcome"] == "skipped_related"
    assert Complaint.objects.count() == before
    other = api("tw-councillor-2").post(
        reverse("api-complaint-route-preview"),
        {"council": "tewkesbury", "complainant": "tw-councillor-4", "subject": "tw-officer-1"},
        format="json",
    )
    assert other.status_code == 403


def test_list_runs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    client = api("tw-member-services-officer")
    for _ in range(4):
        client.post(reverse("api-complaint-list"), BODY, format="json")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("api-complaint-list")).status_code == 200


def test_schema_is_valid(client, db):
    assert client.get("/api/schema/").status_code == 200
