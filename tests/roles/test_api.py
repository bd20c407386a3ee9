import pytest

pytestmark = pytest.mark.django_db


def test_councils_are_public(client, demo):
    data = client.get("/api/councils/").json()
    assert data["count"] == len(data["results"]) and data["next"] is None
    by_slug = {c["slug"]: c for c in data["results"]}
    assert by_slug["peacehaven"]["principal_council"] == "lewes-district"
    assert by_slug["tewkesbury"]["tier"] == "borough"


def test_offices_list_holders_and_reporting_lines(client, demo):
    offices = {o["slug"]: o for o in client.get("/api/councils/tewkesbury/offices/").json()}
    assert offices["monitoring-officer"]["is_monitoring_officer"] is True
    assert offices["monitoring-officer"]["holders"] == ["tw-monitoring-officer"]
    assert offices["officer"]["reports_to"] == "senior-officer"
    assert offices["councillor"]["kind"] == "member"


def test_unknown_council_is_404(client, demo):
    assert client.get("/api/councils/nowhere/offices/").status_code == 404


def test_token_sign_in(client, demo):
    response = client.post("/api/auth/token/", {"username": "ll-town-clerk", "password": "demo-pass-2026"})
    assert response.status_code == 200 and response.json()["token"]
    bad = client.post("/api/auth/token/", {"username": "ll-town-clerk", "password": "wrong"})
    assert bad.status_code == 400


def test_schema_and_docs(client, db):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
