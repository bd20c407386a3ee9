"""Locks that cannot form a cycle, and a clear 409 (never a 500) for a request that loses a race."""

import re
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, OperationalError
from django.test import RequestFactory

from protocol_portal.core.locking import LOST_RACE_MESSAGE, LostRaceMiddleware, is_lost_race

ROOT = Path(__file__).resolve().parents[2]


def deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


def test_every_row_lock_locks_only_its_own_table():
    sources = [
        p
        for p in ROOT.rglob("*.py")
        if not any(
            part.startswith(".") or part in {"tests", "migrations", "node_modules"}
            for part in p.relative_to(ROOT).parts
        )
    ]
    offenders = []
    for path in sources:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in re.finditer(r"select_for_update\(", line):
                if not line[match.end() :].startswith('of=("self",)'):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
    assert "Lock order" in (ROOT / "protocol_portal/core/locking.py").read_text()


@pytest.mark.parametrize(
    ("error", "lost"),
    [
        (deadlock(), True),
        (OperationalError("database is locked"), True),
        (IntegrityError("UNIQUE constraint failed: notifications_notice.key"), True),
        (OperationalError("connection refused"), False),
        (IntegrityError("NOT NULL constraint failed: x"), False),
        (ValueError("deadlock detected"), False),
    ],
)
def test_lost_races_are_told_apart_from_bugs(error, lost):
    assert is_lost_race(error) is lost


@pytest.mark.django_db
def test_a_lost_race_answers_409_with_a_message():
    middleware = LostRaceMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    api = middleware.process_exception(RequestFactory().post("/api/complaints/"), deadlock())
    assert api is not None and api.status_code == 409 and LOST_RACE_MESSAGE.encode() in api.content
    request = RequestFactory().post("/complaints/1/transition/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    page = middleware.process_exception(request, deadlock())
    assert page is not None and page.status_code == 409 and b"Your change was not saved" in page.content
    assert middleware.process_exception(request, OperationalError("connection refused")) is None
