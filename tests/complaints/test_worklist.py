"""Complaint queues on the home page: what waits for a handler, and a complainant's own open complaints."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.services import complaint_create, complaint_transition
from complaints.worklist import complaint_queues
from protocol_portal.core.worklist import work_for
from roles.models import Council

pytestmark = pytest.mark.django_db


def test_handler_and_complainant_queues_in_two_queries(demo, person, client):
    council = Council.objects.get(code="ll")
    for summary in ("One", "Two"):
        complaint_create(
            actor=person("ll-councillor-1"),
            council=council,
            complainant=person("ll-councillor-1"),
            subject=person("ll-officer-1"),
            summary=summary,
            details="x",
        )
    first = council.complaints.filter(summary="One").get()
    complaint_transition(actor=person("ll-town-clerk"), complaint_id=first.pk, to="acknowledged", reason="")
    clerk = person("ll-town-clerk")
    with CaptureQueriesContext(connection) as queries:
        queues = {q.key: q for q in complaint_queues(clerk)}
    assert len(queries) <= 6  # a fixed number of aggregate queries, whatever the number of complaints
    assert queues["complaints.to_acknowledge"].count >= 1 and queues["complaints.to_answer"].count >= 1
    client.force_login(clerk)
    listed = client.get(queues["complaints.to_answer"].url)
    assert "One" in listed.content.decode() and "Two" not in listed.content.decode()
    mine = {q.key: q for q in work_for(person("ll-councillor-1"))}
    assert mine["complaints.own"].own and mine["complaints.own"].count >= 2
