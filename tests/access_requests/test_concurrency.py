"""Two officers decide the same request at the same moment: one wins, the other is told clearly."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from access_requests import services
from access_requests.models import AccessRequest, Document, Grant
from roles.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks; CI runs this on PostgreSQL")
def test_two_deciders_at_once_one_wins_the_other_gets_a_clear_message(demo_transactional):
    councillor = Person.objects.get(username="tw-councillor-2")
    document = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    request = services.access_request_submit(
        actor=councillor,
        council=document.council,
        requester=councillor,
        document=document,
        basis="need_to_know",
        purpose="Scrutiny of the disposal.",
    )
    barrier = threading.Barrier(2)
    results: list[str] = []

    def decide(username: str, decision: str, grounds: list[str]) -> None:
        try:
            actor = Person.objects.get(username=username)
            barrier.wait()
            services.access_request_decide(
                actor=actor,
                access_request=AccessRequest.objects.get(pk=request.pk),
                decision=decision,
                grounds=grounds,
                reasons="At the same moment.",
            )
            results.append("ok")
        except (ValidationError, PermissionDenied) as exc:
            results.append(" ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        except Exception as exc:  # noqa: BLE001 - any other failure must show in the assertion
            results.append(f"unexpected {exc!r}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=("tw-director", "grant_inspect", [])),
        threading.Thread(target=decide, args=("tw-member-services-officer", "refuse", ["restricted_need_to_know"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("ok") == 1, results
    loser = next(r for r in results if r != "ok")
    assert "not awaiting a decision" in loser or "cannot move to" in loser
    decided = AccessRequest.objects.get(pk=request.pk)
    assert decided.state in {"granted", "refused"}
    assert Grant.objects.filter(request=decided).exists() == (decided.state == "granted")
    assert (
        AccessRequest.history.filter(id=request.pk, history_change_reason__startswith="Awaiting decision → ").count()
        == 1
    )
