"""Sign-in lockout, rate limits, sign-out everywhere and security headers."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from knox.models import AuthToken

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_sign_in_locks_after_five_failures(client, demo):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ll-town-clerk", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "ll-town-clerk", "password": PASSWORD})
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in(client, demo):
    response = client.post("/accounts/login/", {"username": "ll-town-clerk", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"]


def test_password_reset_is_rate_limited(client, demo, settings):
    statuses = [
        client.post("/accounts/password_reset/", {"email": "ll-town-clerk@demo.invalid"}).status_code for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429


def test_api_writes_are_throttled_reads_are_not(client, demo, settings):
    settings.API_WRITE_RATE = "3/m"
    codes = [client.post("/api/auth/token/", {"username": "x", "password": "y"}).status_code for _ in range(4)]
    assert codes == [400, 400, 400, 429]
    assert all(client.get("/api/councils/").status_code == 200 for _ in range(5))


def test_sign_out_everywhere_ends_other_sessions_and_tokens(client, demo, person, django_user_model):
    from django.test import Client

    other_device = Client()
    other_device.post("/accounts/login/", {"username": "ll-town-clerk", "password": PASSWORD})
    assert other_device.get("/inbox/").status_code == 200
    AuthToken.objects.create(user=person("ll-town-clerk"))
    client.post("/accounts/login/", {"username": "ll-town-clerk", "password": PASSWORD})
    response = client.post("/account/sign-out-everywhere/")
    assert response.status_code == 302
    assert other_device.get("/inbox/").status_code == 302  # bounced to sign-in
    assert not AuthToken.objects.filter(user__username="ll-town-clerk").exists()
    assert person("ll-town-clerk").history.latest().history_change_reason == "Signed out everywhere"


def test_security_headers_on_every_page(client, demo):
    response = client.get("/councils/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_or_style_in_templates():
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=\"", text) or ' style="' in text:
            offenders.append(str(path))
    assert offenders == []


def test_session_expires_after_inactivity():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
