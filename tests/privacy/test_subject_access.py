"""Finding 1: subject access done as the law expects. Nobody exports data about themselves; the export lists
third parties for redaction; a complaint about the person is held back while open and released with the
complainant redacted once closed (the decision recorded); the one-month deadline (+2 with notice) is tracked."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from complaints.models import Complaint
from notifications.models import Notice
from privacy import services
from privacy.models import SubjectAccessExport, SubjectAccessRequest
from privacy.subject_access import (
    REDACTED,
    add_months,
    subject_access_request_extend,
    subject_access_request_record,
    subject_access_request_release,
)
from roles.models import Council

pytestmark = pytest.mark.django_db


def files_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.fixture
def ll(demo):
    return Council.objects.get(slug="leighton-linslade")


def test_nobody_exports_data_about_themselves(ll, person):
    clerk = person("ll-town-clerk")
    with pytest.raises(PermissionDenied, match="about yourself"):
        services.subject_access_export(actor=clerk, council=ll, subject=clerk, reason="My own SAR")
    assert not SubjectAccessExport.objects.filter(subject=clerk).exists()


def test_an_open_complaint_about_the_person_is_withheld_and_the_decision_recorded(ll, person):
    complaint = Complaint.objects.get(council=ll, subject__username="ll-town-clerk")
    assert complaint.state not in ("closed", "withdrawn")
    export, data = services.subject_access_export(
        actor=person("cb-monitoring-officer"), council=ll, subject=person("ll-town-clerk"), reason="SAR 2026/3"
    )
    files = files_of(data)
    everything = "".join(files.values())
    assert complaint.summary not in everything and complaint.details not in everything
    withheld = json.loads(files["withheld.json"])
    assert withheld == export.withheld
    assert [w["complaint"] for w in withheld] == [complaint.reference]
    assert withheld[0]["decision"] == "withheld while open"
    assert "complaint decision(s) recorded" in export.history.latest().history_change_reason


def test_a_closed_complaint_is_released_with_the_complainant_redacted(ll, person):
    complaint = Complaint.objects.get(council=ll, subject__username="ll-town-clerk")
    Complaint.objects.filter(pk=complaint.pk).update(state="closed")  # as if handled to the end
    complainant = complaint.complainant
    _, data = services.subject_access_export(
        actor=person("cb-monitoring-officer"), council=ll, subject=person("ll-town-clerk"), reason="SAR 2026/4"
    )
    files = files_of(data)
    rows = json.loads(files["records/complaints.Complaint.json"])
    row = next(r for r in rows if r["id"] == complaint.pk)
    assert row["summary"] == complaint.summary
    assert row["complainant_id"] == REDACTED and row["complainant_office_id"] == REDACTED
    assert complainant.username not in files["records/complaints.Complaint.json"]
    assert json.loads(files["withheld.json"])[0]["decision"] == "released, complainant redacted"


def test_the_export_lists_third_parties_for_redaction(ll, person):
    _, data = services.subject_access_export(
        actor=person("ll-town-clerk"), council=ll, subject=person("ll-councillor-1"), reason="SAR 2026/5"
    )
    files = files_of(data)
    third = json.loads(files["third_parties.json"])
    assert third and all(item["person"] != "ll-councillor-1" for item in third)
    assert "BEFORE RELEASE" in files["README.txt"]


def test_one_month_deadline_extended_once_by_two_with_notice(ll, person):
    clerk = person("ll-town-clerk")
    with pytest.raises(PermissionDenied):
        subject_access_request_record(actor=clerk, council=ll, subject=clerk, reference="SAR-1")
    sar = subject_access_request_record(
        actor=clerk, council=ll, subject=person("ll-councillor-1"), reference="SAR-2", received_on=date(2026, 1, 31)
    )
    assert sar.due_on == date(2026, 2, 28)
    with pytest.raises(ValidationError):
        subject_access_request_extend(actor=clerk, sar=sar, reason="")
    sar = subject_access_request_extend(actor=clerk, sar=sar, reason="Many records across three systems.")
    assert sar.extended_to == date(2026, 4, 28) and sar.respond_by == date(2026, 4, 28)
    notice = Notice.objects.get(key=f"sar:{sar.pk}:extended")
    assert notice.recipient.username == "ll-councillor-1" and "Many records" in notice.body
    with pytest.raises(ValidationError, match="one extension"):
        subject_access_request_extend(actor=clerk, sar=sar, reason="Again.")


def test_release_follows_a_prepared_export_by_someone_else(ll, person):
    clerk, subject = person("ll-town-clerk"), person("ll-councillor-1")
    sar = subject_access_request_record(actor=clerk, council=ll, subject=subject, reference="SAR-3")
    with pytest.raises(ValidationError, match="Prepare"):
        subject_access_request_release(actor=clerk, sar=sar)
    services.subject_access_export(actor=clerk, council=ll, subject=subject, reason="SAR-3", request=sar)
    sar.refresh_from_db()
    assert sar.state == SubjectAccessRequest.State.PREPARED
    released = subject_access_request_release(actor=person("cb-monitoring-officer"), sar=sar)
    assert released.state == SubjectAccessRequest.State.RELEASED and released.released_by.username == (
        "cb-monitoring-officer"
    )


def test_pages_record_and_list_requests_and_never_offer_yourself(client, ll, login, person):
    clerk = login("ll-town-clerk")
    form = client.get("/privacy/leighton-linslade/subject-access/requests/new/").content.decode()
    assert f'value="{clerk.pk}"' not in form
    response = client.post(
        "/privacy/leighton-linslade/subject-access/requests/new/",
        {"subject": person("ll-councillor-1").pk, "reference": "SAR-9", "received_on": "2026-11-02"},
    )
    assert response.status_code == 302
    page = client.get("/privacy/leighton-linslade/").content.decode()
    assert "SAR-9" in page and "2 Dec 2026" in page
    assert add_months(date(2026, 11, 2), 1) == date(2026, 12, 2)
