"""Scheduled tasks run alone: a second run while one holds the lock does nothing."""

from __future__ import annotations

import importlib

import psycopg
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from protocol_portal.core.locks import advisory_key, run_alone, single_flight

pytestmark = pytest.mark.django_db

# Scheduled tasks that are single-flight by their own means (and why).
OWN_LOCK = {
    "protocol_portal.core.tasks.audit_seal_pending": "the sealer takes its own advisory lock (audit_chain)",
}


def _task(path: str):  # type: ignore[no-untyped-def]
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("path", sorted({entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}))
def test_every_scheduled_task_runs_alone(path):
    if path in OWN_LOCK:
        return
    assert getattr(_task(path).run, "single_flight_name", None), f"{path} has no single-flight lock (run_alone)"


class _HeldElsewhere:
    """Hold a lock the way another worker would: another PostgreSQL session, or the shared cache."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.conn: psycopg.Connection | None = None

    def __enter__(self) -> _HeldElsewhere:
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            self.conn = psycopg.connect(
                host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"], autocommit=True
            )
            self.conn.execute("SELECT pg_advisory_lock(%s)", [advisory_key(self.name)])
        else:
            assert cache.add(f"single-flight:{self.name}", "other-worker", timeout=60)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", [advisory_key(self.name)])
            self.conn.close()
        else:
            cache.delete(f"single-flight:{self.name}")


def test_a_second_run_while_the_first_holds_the_lock_does_nothing():
    calls: list[int] = []

    @run_alone("tests.counted")
    def counted(n: int) -> int:
        calls.append(n)
        return n

    with _HeldElsewhere("tests.counted"):
        assert counted(1) is None
    assert counted(2) == 2
    assert counted(3) == 3  # released after each run
    assert calls == [2, 3]


def test_the_lock_is_released_when_the_work_fails():
    @run_alone("tests.failing")
    def failing() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing()
    with single_flight("tests.failing") as acquired:
        assert acquired


def test_a_real_scheduled_task_skips_while_another_run_holds_its_lock():
    task = _task("access_requests.tasks.access_grants_expire")
    with _HeldElsewhere(task.run.single_flight_name):
        assert task.apply().get() is None
    assert task.apply().get() == {"expired": 0, "office_ended": 0}  # it ran, and found nothing to end
