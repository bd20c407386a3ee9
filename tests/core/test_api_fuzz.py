"""Fuzz the whole JSON API from its own OpenAPI schema: no 500s, every response valid against the schema.

Every operation in /api/schema/ is fuzzed, so new endpoints are covered automatically.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

FUZZ_EXAMPLES = 25


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes "old" connections at each request, which would end the test's transaction
    (Django's own test client disconnects the same handlers)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, "ll-town-clerk", "tw-councillor-2"])
def test_api_never_errors_and_matches_its_schema(demo, person, monkeypatch, username, capsys, keep_test_connection):
    monkeypatch.setattr(django_settings, "API_WRITE_RATE", "100000/m")
    headers = {}
    if username:
        headers["Authorization"] = f"Token {AuthToken.objects.create(user=person(username))[1]}"
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert {"/api/complaints/", "/api/access-requests/", "/api/councils/", "/api/documents/"} <= paths
    cases = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):  # type: ignore[no-untyped-def]
            nonlocal cases
            cases += 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        fuzz()
    with capsys.disabled():
        print(f"\nAPI fuzz as {username or 'anonymous'}: {cases} cases over {len(operations)} operations")
