"""The service's own error pages: GOV.UK wording, the service's reason where safe, DEBUG off by default."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from protocol_portal.core import errors

from .test_settings import run_manage

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_govuk_page_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-header" in page and "Traceback" not in page


def test_forbidden_page_shows_the_reason_the_service_gave(demo, client, login):
    login("ll-councillor-1")
    response = client.get("/requests/disputes/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do this" in page
    assert "The review queue is the Monitoring Officer&#x27;s." in page


def test_generic_not_found_wording_is_not_shown(demo, client, login):
    login("ll-councillor-1")
    response = client.get("/councils/no-such-council/")
    assert response.status_code == 404
    assert "matches the given query" not in response.content.decode()


def test_bad_request_is_a_govuk_page(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, there is a problem with your request" in response.content.decode()


def test_server_error_page_needs_no_database_and_says_nothing_internal():
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page and "Traceback" not in page


def test_too_many_requests_is_a_govuk_page(rf):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = errors.rate_limited(request)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_static_files_are_served_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/static/portal/portal.css")
    assert response.status_code == 200


def test_embedded_mode_runs_with_debug_off_unless_a_developer_turns_it_on():
    show = ("shell", "-c", "from django.conf import settings; print('DEBUG', settings.DEBUG)")
    assert "DEBUG False" in run_manage(*show).stdout
    assert "DEBUG True" in run_manage(*show, DJANGO_DEBUG="1").stdout
