"""Liveness and readiness probes: no sign-in, no rate limit, JSON per check, 503 when one fails."""

from __future__ import annotations

import pytest

from protocol_portal.core import health

pytestmark = pytest.mark.django_db


def test_liveness_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readiness_reports_each_check(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


def test_one_failing_check_makes_the_server_not_ready(client, monkeypatch, caplog):
    def broker_down() -> str:
        raise ConnectionRefusedError("Error 111 connecting to broker.internal:6379")

    monkeypatch.setitem(health.CHECKS, "broker", broker_down)
    response = client.get("/readyz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["broker"] == {"ok": False, "detail": "ConnectionRefusedError", "ms": pytest.approx(0, abs=50)}
    assert body["checks"]["database"]["ok"] is True
    assert "broker.internal" not in response.content.decode()  # details go to the log, not the caller
    assert "broker.internal" in caplog.text


def test_a_real_broker_that_cannot_be_reached_fails_fast(settings):
    from protocol_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        with pytest.raises(Exception):  # noqa: B017 - kombu's OperationalError
            health.check_broker()
    finally:
        app.conf.broker_url = previous


def test_probes_need_no_sign_in_and_are_never_rate_limited(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"write": "1/min"}}
    for _ in range(40):
        assert client.get("/readyz/").status_code == 200
        assert client.get("/healthz/").status_code == 200
