"""The home page: each person's work, overdue first, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Complaint
from complaints.workflow import State
from expectations.models import ProtocolDocument
from protocol_portal.core.workdays import today
from protocol_portal.core.worklist import work_for

pytestmark = pytest.mark.django_db


def _clone(complaint: Complaint, n: int, **changes) -> None:  # type: ignore[no-untyped-def]
    fields = {f.attname: getattr(complaint, f.attname) for f in Complaint._meta.concrete_fields if not f.primary_key}
    fields.update(changes)
    Complaint.objects.bulk_create([Complaint(**fields) for _ in range(n)], batch_size=2000)


def test_clerk_sees_complaints_to_acknowledge_with_a_link_to_the_filtered_list(demo, login, client):
    login("ll-town-clerk")
    page = client.get(reverse("home")).content.decode()
    assert "Your work" in page
    assert "Complaints to acknowledge" in page
    assert "scope=to_acknowledge&amp;council=leighton-linslade" in page
    listed = client.get(reverse("complaints:list"), {"scope": "to_acknowledge", "council": "leighton-linslade"})
    assert list(listed.context["complaints"]) == list(Complaint.objects.filter(pk=1))


def test_overdue_work_comes_first_and_is_counted(demo, person):
    clerk = person("ll-town-clerk")
    complaint = Complaint.objects.get(pk=1)
    _clone(complaint, 2, state=State.ACKNOWLEDGED, respond_by=today() - timedelta(days=3))
    queues = work_for(clerk)
    assert queues[0].key == "complaints.to_answer"
    assert (queues[0].count, queues[0].overdue) == (2, 2)
    assert queues[0].next_due == today() - timedelta(days=3)
    assert any(q.key == "complaints.to_acknowledge" and q.overdue == 0 for q in queues)


def test_complainant_sees_their_own_complaint_with_its_next_date(demo, login, client):
    login("ll-councillor-2")
    response = client.get(reverse("home"))
    own = response.context["own_work"]
    assert [(q.key, q.count) for q in own] == [("complaints.own", 1)]
    assert own[0].next_due == Complaint.objects.get(pk=1).respond_by


def test_a_person_with_nothing_waiting_is_told_so(demo, login, client, person):
    user = login("ll-councillor-3")
    for doc in ProtocolDocument.objects.filter(status=ProtocolDocument.Status.ADOPTED):
        doc.acknowledgements.create(person=user, acknowledged_at=doc.created_at)
    response = client.get(reverse("home"))
    assert response.context["work"] == []
    assert "Nothing is waiting for you." in response.content.decode()


def test_unread_protocol_is_work_to_confirm(demo, person):
    queues = work_for(person("ll-councillor-3"))
    assert any(q.key == "expectations.to_confirm" and q.council == "Leighton-Linslade Town Council" for q in queues)


def test_overdue_protocol_review_is_flagged_for_the_council_administrator(demo, person):
    doc = ProtocolDocument.objects.filter(council__slug="kingsthorpe", status="adopted").first()
    assert doc is not None
    doc.review_due = today() - timedelta(days=30)
    doc.save()
    admins = list(doc.council.offices.filter(is_administrator=True))
    assert admins
    holder = admins[0].appointments.current().first().person
    review = [q for q in work_for(holder) if q.key == "expectations.review_due"]
    assert review and review[0].overdue == 1


def test_home_page_queries_do_not_grow_with_10000_complaints(demo, login, client):
    login("ll-town-clerk")
    client.get(reverse("home"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("home")).status_code == 200
    complaint = Complaint.objects.get(pk=1)
    _clone(complaint, 5000, state=State.RECEIVED, acknowledge_by=today() - timedelta(days=1))
    _clone(complaint, 5000, state=State.ACKNOWLEDGED, respond_by=today() - timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("home"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 30  # every app's queues, a fixed number each
    counts = {q.key: q.count for q in response.context["work"] if q.council == "Leighton-Linslade Town Council"}
    assert counts["complaints.to_acknowledge"] == 5001
    assert counts["complaints.to_answer"] == 5000
