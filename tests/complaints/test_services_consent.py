"""Consent the complainant gives: a confirm link, their own answer in the history; or a reason they are told."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints.models import ConsentRequest
from complaints.services import complaint_create, complaint_transition
from complaints.services.consent import consent_request
from complaints.services.outsiders import Outsider
from notifications.models import Notice
from roles.models import Council

pytestmark = pytest.mark.django_db


@pytest.fixture
def informal(demo, person):  # type: ignore[no-untyped-def]
    complaint = complaint_create(
        actor=person("ll-town-clerk"),
        council=Council.objects.get(code="ll"),
        complainant=None,
        outsider=Outsider(name="Rosa Quill", email="rosa@example.org"),
        subject=person("ll-officer-1"),
        summary="Rude on the telephone",
        details="x",
        informal_first=True,
    )
    complaint_transition(
        actor=person("ll-town-clerk"), complaint_id=complaint.pk, to="informal_resolution", reason="Talk first"
    )
    return complaint


def test_the_complainant_confirms_by_the_link_without_signing_in(informal, person, client):
    asked = consent_request(actor=person("ll-town-clerk"), complaint_id=informal.pk, purpose="Use the formal route")
    notice = Notice.objects.get(key__contains=f"consent-asked:{asked.pk}")
    assert notice.recipient == informal.complainant and notice.url == reverse("complaints:consent", args=[asked.token])
    assert "Use the formal route" in client.get(notice.url).content.decode()
    client.post(notice.url, {"answer": "yes"})
    asked.refresh_from_db()
    assert asked.consented is True
    latest = asked.history.first()
    assert latest.history_user == informal.complainant and "agreed by the confirm link" in latest.history_change_reason
    assert "already answered" in client.post(notice.url, {"answer": "no"}, follow=True).content.decode()
    assert client.get(reverse("complaints:consent", args=["not-a-token"])).status_code == 404


def test_not_needed_needs_a_reason_which_the_complainant_is_told(informal, person):
    clerk = person("ll-town-clerk")
    before = ConsentRequest.objects.count(), Notice.objects.count()
    with pytest.raises(ValidationError):
        consent_request(actor=clerk, complaint_id=informal.pk, purpose=" ")
    assert (ConsentRequest.objects.count(), Notice.objects.count()) == before
    RoutingChain = informal.chain.__class__
    RoutingChain.objects.filter(pk=informal.chain_id).update(procedures="disciplinary")
    complaint_transition(
        actor=clerk,
        complaint_id=informal.pk,
        to="referred",
        reason="A safeguarding concern must be investigated whatever the complainant prefers",
        procedure="disciplinary",
        formal_basis="not_needed",
    )
    told = Notice.objects.get(recipient=informal.complainant, key__contains="consent-not-needed")
    assert "safeguarding concern" in told.body
