"""Who sees a conduct case, and the rule that the member never learns who complained unless agreed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from standards.permissions import conduct_complaints_visible_to

pytestmark = pytest.mark.django_db


def test_visible_to_the_parties_and_not_to_others(new_case, person):
    case = new_case()
    for username in ("ph-officer-1", "ld-monitoring-officer", "ld-independent-person"):
        assert conduct_complaints_visible_to(person(username)).filter(pk=case.pk).exists(), username
    for username in ("ph-officer-2", "ph-town-clerk", "tw-monitoring-officer", "ld-councillor-1"):
        assert not conduct_complaints_visible_to(person(username)).filter(pk=case.pk).exists(), username
    # The member complained about sees it only once told (at the assessment).
    assert not conduct_complaints_visible_to(person("ph-councillor-1")).filter(pk=case.pk).exists()


def test_the_hearing_panel_sees_it_once_referred(investigated_case, person):
    from tests.standards.test_services_conduct import _to_hearing

    assert not conduct_complaints_visible_to(person("ld-councillor-2")).filter(pk=investigated_case.pk).exists()
    _to_hearing(investigated_case, person)
    assert conduct_complaints_visible_to(person("ld-councillor-2")).filter(pk=investigated_case.pk).exists()


def _api(person, username):  # type: ignore[no-untyped-def]
    client = APIClient()
    _, token = AuthToken.objects.create(user=person(username))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_member_never_sees_the_complainant_unless_agreed(investigated_case, person, client):
    case = investigated_case
    complainant = case.complainant
    names = (complainant.username, str(complainant), complainant.last_name)
    client.force_login(person("ph-councillor-1"))
    page = client.get(reverse("standards:detail", args=[case.pk])).content.decode()
    assert "Withheld" in page and not any(name in page for name in names)
    body = _api(person, "ph-councillor-1").get(reverse("api-conduct-detail", args=[case.pk])).json()
    assert body["complainant"] is None and not any(name in str(body) for name in names)
    history = client.get(reverse("history", args=["standards.conductcomplaint", case.pk]))
    assert history.status_code == 404  # the raw history names the complainant
    events = client.get(reverse("history", args=["standards.conductevent", case.events.first().pk]))
    assert events.status_code == 404
    listing = _api(person, "ph-councillor-1").get(reverse("api-conduct-list")).content.decode()
    assert not any(name in listing for name in names)
    # The Monitoring Officer sees who complained.
    assert (
        _api(person, "ld-monitoring-officer").get(reverse("api-conduct-detail", args=[case.pk])).json()["complainant"]
        == complainant.username
    )


def test_the_member_sees_the_complainant_when_they_agreed(new_case, person, client):
    from standards.services import conduct_assess

    case = new_case(complainant_may_be_named=True)
    conduct_assess(actor=person("ld-monitoring-officer"), case_id=case.pk, decision="investigate", reasons="r")
    body = _api(person, "ph-councillor-1").get(reverse("api-conduct-detail", args=[case.pk])).json()
    assert body["complainant"] == "ph-officer-1"


def test_the_member_is_not_named_the_complainant_in_notices(investigated_case, person):
    from notifications.models import Notice

    for notice in Notice.objects.filter(recipient__username="ph-councillor-1"):
        assert str(investigated_case.complainant) not in notice.body + notice.subject
