"""The database connection is killed mid-run: the next request succeeds, and nothing is half-written."""

import os

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection, transaction
from django.test import RequestFactory

from protocol_portal.core.models import AuditSeal
from roles import services
from roles.models import Council, Office

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("postgres" not in os.environ.get("DATABASE_URL", ""), reason="terminates a PostgreSQL backend"),
]


def terminate_our_backend() -> None:
    pid = connection.connection.info.backend_pid
    db = connection.settings_dict
    with psycopg.connect(f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}", autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0] is True


def wsgi_get(path: str) -> int:
    """A real request cycle (request_started/finished signals included, unlike the test client)."""
    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    return int(statuses[0].split()[0])


def test_next_request_succeeds_after_the_backend_is_terminated(demo_transactional):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert wsgi_get("/councils/") == 200
    connection.ensure_connection()
    terminate_our_backend()
    assert wsgi_get("/councils/") == 200
    assert wsgi_get("/councils/tewkesbury/") == 200


def test_a_write_cut_off_before_commit_leaves_nothing_behind(demo_transactional):
    council = Council.objects.get(slug="kingsthorpe")
    seals_before = AuditSeal.objects.count()
    with pytest.raises(OperationalError), transaction.atomic():
        services.record_save(
            actor=None,
            record=Office(council=council, name="Assistant Clerk", slug="assistant-clerk", kind="officer"),
            reason="Added",
        )
        terminate_our_backend()
    connection.close()  # the application's request cycle does this; here we do it by hand
    assert not Office.objects.filter(slug="assistant-clerk").exists()
    assert not Office.history.filter(slug="assistant-clerk").exists()
    assert AuditSeal.objects.count() == seals_before
