"""Finding 3: a grant ends when its holder leaves the office that made them eligible (at read time and by the
daily sweep), and the decider, the Monitoring Officer or an administrator can revoke one with a reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from access_requests import permissions, services
from access_requests.models import Document, Grant
from access_requests.tasks import access_grants_expire
from notifications.models import Notice
from protocol_portal.core.system import SYSTEM_USERNAME
from roles.models import Appointment, Office
from roles.services import appointment_end

pytestmark = pytest.mark.django_db
TITLE = "Mill Road depot disposal: heads of terms"


@pytest.fixture
def grant(demo, person):
    councillor = person("tw-councillor-2")
    doc = Document.objects.get(title=TITLE)
    r = services.access_request_submit(
        actor=councillor,
        council=doc.council,
        requester=councillor,
        document=doc,
        basis="need_to_know",
        purpose="Committee scrutiny.",
    )
    services.access_request_decide(
        actor=person("tw-chief-executive"), access_request=r, decision="grant_inspect", reasons="Need shown."
    )
    grant = Grant.objects.get(request=r)
    services.grant_accept_undertaking(actor=councillor, grant=grant)
    return grant


def fresh(person, username):
    return person(username)  # a new object: no cached offices


def end_office(person, username):
    yesterday = timezone.localdate() - timedelta(days=1)
    for appointment in Appointment.objects.filter(
        person__username=username, end_date__isnull=True, office__kind=Office.Kind.MEMBER
    ):
        appointment_end(
            actor=person("tw-chief-executive"), appointment=appointment, end_date=yesterday, reason="Term ended"
        )


def test_grant_records_the_office_that_made_the_grantee_eligible(grant):
    assert grant.eligible_office is not None and grant.eligible_office.kind == Office.Kind.MEMBER


def test_an_undated_grant_stops_working_when_the_office_ends(grant, person):
    doc = grant.document
    assert permissions.document_content_check(fresh(person, "tw-councillor-2"), "inspect", doc).pk == grant.pk
    end_office(person, "tw-councillor-2")
    with pytest.raises(PermissionDenied):  # at read time, before any sweep has run
        permissions.document_content_check(fresh(person, "tw-councillor-2"), "inspect", doc)


def test_daily_sweep_ends_it_once_and_tells_the_grantee(grant, person):
    end_office(person, "tw-councillor-2")
    assert access_grants_expire() == {"expired": 0, "office_ended": 1}
    assert access_grants_expire() == {"expired": 0, "office_ended": 0}  # idempotent
    grant.refresh_from_db()
    assert grant.revoked_at is not None and "no longer holds" in grant.revocation_reason
    latest = grant.history.latest()
    assert latest.history_user.username == SYSTEM_USERNAME and "the office that made them eligible" in (
        latest.history_change_reason
    )
    notices = Notice.objects.filter(recipient__username="tw-councillor-2", key=f"grant:{grant.pk}:ended")
    assert notices.count() == 1
    assert not fresh(person, "tw-councillor-2").has_perm("access_requests.inspect_document", grant.document)


@pytest.mark.parametrize("revoker", ["tw-chief-executive", "tw-monitoring-officer"])
def test_decider_or_mo_revokes_with_a_reason_and_the_grantee_is_told(grant, person, revoker):
    with pytest.raises(ValidationError):
        services.grant_revoke(actor=person(revoker), grant=grant, reason=" ")
    services.grant_revoke(actor=person(revoker), grant=grant, reason="Matter now concluded.")
    grant.refresh_from_db()
    assert grant.revoked_by.username == revoker and grant.revocation_reason == "Matter now concluded."
    assert grant.history.latest().history_change_reason == "Matter now concluded."
    assert Notice.objects.get(key=f"grant:{grant.pk}:ended").recipient.username == "tw-councillor-2"
    with pytest.raises(PermissionDenied):
        permissions.document_content_check(fresh(person, "tw-councillor-2"), "inspect", grant.document)


def test_others_cannot_revoke_and_none_is_not_an_actor(grant, person):
    for username in ("tw-councillor-2", "tw-councillor-1"):
        with pytest.raises(PermissionDenied):
            services.grant_revoke(actor=person(username), grant=grant, reason="No.")
    with pytest.raises(PermissionDenied):
        services.grant_revoke(actor=None, grant=grant, reason="No.")
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_revoke_through_the_api_and_the_page_agree(grant, person, client):
    api = APIClient()
    url = f"/api/access-requests/{grant.request_id}/revoke-grant/"
    api.force_authenticate(person("tw-councillor-2"))
    assert api.post(url, {"reason": "x"}, format="json").status_code == 403
    client.force_login(person("tw-councillor-2"))
    assert client.post(f"/requests/{grant.request_id}/revoke-grant/", {"reason": "x"}).status_code == 403

    client.force_login(person("tw-monitoring-officer"))
    page = client.get(f"/requests/{grant.request_id}/").content.decode()
    assert "Revoke the grant" in page
    api.force_authenticate(person("tw-monitoring-officer"))
    response = api.post(url, {"reason": "Concluded."}, format="json")
    assert response.status_code == 200 and response.json()["revocation_reason"] == "Concluded."
