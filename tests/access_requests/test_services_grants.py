"""Grants: expiry, undertaking, stamped copies; deadlines and reminders in working days."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from access_requests import permissions, services
from access_requests.content import document_stamped_copy
from access_requests.models import AccessRequest, Document, Grant
from access_requests.schedule import BEAT_SCHEDULE
from access_requests.tasks import access_grants_expire, access_requests_send_reminders
from notifications.models import Notice
from protocol_portal.core.workdays import add_working_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(demo, person):
    def make(title="Mill Road depot disposal: heads of terms", decision="grant_copy", expires_on=None):
        councillor = person("tw-councillor-2")
        doc = Document.objects.get(title=title)
        r = services.access_request_submit(
            actor=councillor,
            council=doc.council,
            requester=councillor,
            document=doc,
            basis="need_to_know",
            purpose="Committee scrutiny.",
        )
        services.access_request_decide(
            actor=person("tw-chief-executive"),
            access_request=r,
            decision=decision,
            reasons="Need shown.",
            expires_on=expires_on,
        )
        grant = Grant.objects.get(request=r)
        services.grant_accept_undertaking(actor=councillor, grant=grant)
        return type(councillor).objects.get(pk=councillor.pk), doc, grant

    return make


def test_grant_until_a_date_stops_working_after_it(granted, person, monkeypatch):
    today = timezone.localdate()
    councillor, doc, grant = granted(expires_on=today)
    assert permissions.document_content_check(councillor, "copy", doc).pk == grant.pk
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr("access_requests.permissions.today", lambda: tomorrow)
    councillor = type(councillor).objects.get(pk=councillor.pk)
    with pytest.raises(PermissionDenied):
        permissions.document_content_check(councillor, "inspect", doc)
    # the title stays visible to a member of the council; the content does not
    assert permissions.documents_visible_to(councillor).filter(pk=doc.pk).exists()


def test_expiry_task_revokes_the_permission_once(granted, monkeypatch):
    today = timezone.localdate()
    councillor, doc, grant = granted(expires_on=today)
    later = today + timedelta(days=2)
    monkeypatch.setattr("access_requests.services.grants.today", lambda: later)
    assert access_grants_expire() == {"expired": 1, "office_ended": 0}
    assert access_grants_expire() == {"expired": 0, "office_ended": 0}  # idempotent
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    councillor = type(councillor).objects.get(pk=councillor.pk)
    assert not councillor.has_perm("access_requests.inspect_document", doc)
    assert not councillor.has_perm("access_requests.copy_document", doc)


def test_inspect_only_grant_refuses_copies(granted):
    councillor, doc, _ = granted(decision="grant_inspect")
    assert permissions.document_content_check(councillor, "inspect", doc) is not None
    with pytest.raises(PermissionDenied) as exc:
        permissions.document_content_check(councillor, "copy", doc)
    assert "inspect" in str(exc.value)


def test_partial_grant_is_inspect_only_and_may_be_referred(granted, person):
    councillor, doc, grant = granted(decision="partial")
    assert not grant.can_copy
    r = services.access_request_refer(actor=councillor, access_request=grant.request, reason="I need all of it.")
    r = services.access_request_determine(
        actor=person("tw-monitoring-officer"), access_request=r, decision="grant_copy", reasons="Full copy."
    )
    grant.refresh_from_db()
    assert grant.can_copy
    councillor = type(councillor).objects.get(pk=councillor.pk)
    assert permissions.document_content_check(councillor, "copy", doc) is not None


def test_pdf_copy_carries_name_and_date(granted):
    councillor, doc, grant = granted()
    data, filename = document_stamped_copy(doc, person_name=str(councillor), on=timezone.localdate(), undertaking="U")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    cover = reader.pages[0].extract_text()
    assert str(councillor) in cover and f"{timezone.localdate():%-d %B %Y}" in cover
    assert "commercially sensitive" in reader.pages[1].extract_text()
    assert str(councillor) in filename


def test_pdf_cover_prints_a_name_outside_latin_1_as_written(granted):
    """The cover page embeds a Unicode font: a Polish, Czech or Greek name is not turned into '?'."""
    _, doc, _ = granted()
    name = "Cllr Zoë Dvořák-Łukasiewicz (Ολυμπία)"
    data, filename = document_stamped_copy(doc, person_name=name, on=timezone.localdate(), undertaking="Ne kopírujte.")
    cover = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert f"Copy supplied to {name} on" in cover
    assert "Undertaking: Ne kopírujte." in cover and "?" not in cover
    assert name in filename


def test_text_copy_carries_a_header(granted):
    councillor, doc, _ = granted(title="Staff restructure consultation responses")
    data, _ = document_stamped_copy(doc, person_name="Cllr X", on=timezone.localdate())
    assert data.decode().startswith("=" * 72 + "\nCopy supplied to Cllr X on")


def test_deadline_reminder_and_overdue_in_working_days(demo, person, monkeypatch):
    councillor = person("tw-councillor-2")
    doc = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    r = services.access_request_submit(
        actor=councillor, council=doc.council, requester=councillor, document=doc, basis="need_to_know", purpose="p"
    )
    assert r.due_date == add_working_days(timezone.localdate(), 10)
    assert access_requests_send_reminders() == {"reminded": 0, "overdue": 0}
    near = add_working_days(timezone.localdate(), 9)
    monkeypatch.setattr("access_requests.services.workflow.today", lambda: near)
    assert access_requests_send_reminders() == {"reminded": 1, "overdue": 0}
    assert access_requests_send_reminders() == {"reminded": 0, "overdue": 0}
    late = add_working_days(r.due_date, 1)
    monkeypatch.setattr("access_requests.services.workflow.today", lambda: late)
    assert access_requests_send_reminders() == {"reminded": 0, "overdue": 1}
    assert access_requests_send_reminders() == {"reminded": 0, "overdue": 0}
    director = person("tw-director")
    keys = set(Notice.objects.filter(recipient=director).values_list("key", flat=True))
    assert {f"access-request:{r.pk}:reminder:{director.pk}", f"access-request:{r.pk}:overdue:{director.pk}"} <= keys
    r.refresh_from_db()
    assert r.overdue_notified_on == late


def test_tasks_are_scheduled_and_late_acknowledged():
    tasks = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert tasks == {
        "access_requests.tasks.access_requests_send_reminders",
        "access_requests.tasks.access_grants_expire",
    }
    assert access_grants_expire.acks_late and access_requests_send_reminders.acks_late


def test_notices_are_delivered_after_commit(demo, person, django_capture_on_commit_callbacks):
    councillor = person("tw-councillor-2")
    doc = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    with django_capture_on_commit_callbacks() as callbacks:
        r = services.access_request_submit(
            actor=councillor, council=doc.council, requester=councillor, document=doc, basis="need_to_know", purpose="p"
        )
    from access_requests.permissions import request_decider_ids

    sends = [c for c in callbacks if c.__qualname__.startswith("notice_raise")]
    assert len(sends) == len(request_decider_ids(r)) >= 1  # one per deciding officer
    assert AccessRequest.objects.count() == 1
