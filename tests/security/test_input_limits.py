"""Finding 8: deeply nested JSON and out-of-range dates are 400s with clear messages on every JSON endpoint."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from complaints.models import Complaint
from protocol_portal.core.parsers import json_nesting_depth

pytestmark = pytest.mark.django_db

NESTED = "[" * 50_000 + "]" * 50_000
JSON_ENDPOINTS = [
    ("api-token", {}),
    ("api-complaint-list", {}),
    ("api-complaint-route-preview", {}),
    ("api-access-request-list", {}),
]


@pytest.fixture
def api(demo, person):
    client = APIClient()
    client.force_authenticate(person("tw-councillor-1"))
    return client


@pytest.mark.parametrize(("name", "kwargs"), JSON_ENDPOINTS)
def test_deeply_nested_json_is_a_400_with_a_message(api, name, kwargs):
    response = api.post(reverse(name, kwargs=kwargs), NESTED, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert "nested more than 32 levels" in response.json()["detail"]


def test_nesting_inside_a_string_does_not_count():
    assert json_nesting_depth('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"]]"}', limit=32) == 1
    assert json_nesting_depth('{"a": [{"b": [1]}]}', limit=32) == 4


def test_ordinary_nesting_is_still_accepted(api):
    body = {"council": "tewkesbury", "subject": "tw-chief-executive", "summary": "S", "details": "D"}
    response = api.post(reverse("api-complaint-route-preview"), body, format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("received_on", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_received_on_out_of_range_is_a_400(api, received_on):
    body = {
        "council": "tewkesbury",
        "subject": "tw-chief-executive",
        "summary": "Refused to meet",
        "details": "Three requests declined.",
        "received_on": received_on,
    }
    before = Complaint.objects.count()
    response = api.post(reverse("api-complaint-list"), body, format="json")
    assert response.status_code == 400, response.content
    assert "Enter a date between 1 January 2000 and 31 December 2099" in response.json()["received_on"][0]
    assert Complaint.objects.count() == before


def test_service_refuses_a_year_one_received_date(demo, person):
    from datetime import date

    from django.core.exceptions import ValidationError

    from complaints.services import complaint_create
    from roles.models import Council

    with pytest.raises(ValidationError) as caught:
        complaint_create(
            actor=person("tw-councillor-1"),
            council=Council.objects.get(slug="tewkesbury"),
            complainant=person("tw-councillor-1"),
            subject=person("tw-chief-executive"),
            summary="S",
            details="D",
            received_on=date(1, 1, 1),
        )
    assert "on or after 1 January 2000" in str(caught.value.message_dict["received_on"])
