"""Two people transition the same complaint at the same moment: one wins, the other is told clearly."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from complaints.models import Complaint, ComplaintEvent
from complaints.services import complaint_create, complaint_transition
from roles.models import Council, Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks; CI runs this on PostgreSQL")
def test_two_handlers_at_once_one_wins_the_other_gets_a_clear_message(demo_transactional):
    mayor = Person.objects.get(username="ll-town-mayor")
    councillor = Person.objects.get(username="ll-councillor-1")
    complaint = complaint_create(
        actor=councillor,
        council=Council.objects.get(code="ll"),
        complainant=councillor,
        subject=Person.objects.get(username="ll-town-clerk"),
        summary="Concurrent",
        details="x",
    )
    barrier = threading.Barrier(2)
    results: list[str] = []

    def act(actor_id: int, to: str) -> None:
        try:
            actor = Person.objects.get(pk=actor_id)
            barrier.wait()
            complaint_transition(
                actor=actor,
                complaint_id=complaint.pk,
                to=to,
                reason="At once",
                outcome="Settled",
                expected_state="received",
            )
            results.append("ok")
        except ValidationError as exc:
            results.append(" ".join(exc.messages))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(mayor.pk, "acknowledged")),
        threading.Thread(target=act, args=(councillor.pk, "withdrawn")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results)[-1] == "ok" and results.count("ok") == 1
    loser = next(r for r in results if r != "ok")
    assert "Someone else changed this complaint" in loser
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="transition").count() == 1
    assert Complaint.objects.get(pk=complaint.pk).state in {"acknowledged", "withdrawn"}
