"""Finding 2: API tokens expire, are one per device, are revoked by a password change or reset, and their
owner can see and revoke them."""

from datetime import timedelta

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


def sign_in(username: str, device: str = "") -> str:
    response = APIClient().post(
        "/api/auth/token/", {"username": username, "password": PASSWORD, "device": device}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["expiry"]
    return response.json()["token"]


def status_with(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/complaints/").status_code


def test_contract_token_then_authorization_token_header(demo):
    token = sign_in("ll-town-clerk", "laptop")
    assert status_with(token) == 200
    assert status_with(token + "x") == 403


def test_password_change_revokes_every_token(client, demo, person):
    laptop, phone = sign_in("ll-town-clerk", "laptop"), sign_in("ll-town-clerk", "phone")
    client.force_login(person("ll-town-clerk"))
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "a-new-long-pass-2027", "new_password2": "a-new-long-pass-2027"},
    )
    assert response.status_code == 302
    assert status_with(laptop) == 403 and status_with(phone) == 403
    assert not AuthToken.objects.filter(user__username="ll-town-clerk").exists()


def test_password_reset_revokes_every_token(demo, person):
    token = sign_in("ll-town-clerk")
    form = SetPasswordForm(
        person("ll-town-clerk"), {"new_password1": "reset-long-pass-2027", "new_password2": "reset-long-pass-2027"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert status_with(token) == 403
    assert "API token revoked" in person("ll-town-clerk").history.latest().history_change_reason


def test_tokens_expire(demo):
    token = sign_in("ll-town-clerk")
    AuthToken.objects.filter(user__username="ll-town-clerk").update(expiry=timezone.now() - timedelta(seconds=1))
    assert status_with(token) == 403


def test_person_sees_and_revokes_their_own_tokens(client, demo, person):
    laptop, phone = sign_in("ll-town-clerk", "Clerk's laptop"), sign_in("ll-town-clerk", "Clerk's phone")
    sign_in("ll-town-mayor", "Mayor's tablet")
    client.force_login(person("ll-town-clerk"))
    page = client.get("/account/tokens/").content.decode()
    assert "Clerk&#x27;s laptop" in page and "Clerk&#x27;s phone" in page and "Mayor" not in page

    laptop_key = laptop[:15]
    assert client.post("/account/tokens/", {"token_key": laptop_key}).status_code == 302
    assert status_with(laptop) == 403 and status_with(phone) == 200
    assert f"API token {laptop_key} revoked" in person("ll-town-clerk").history.latest().history_change_reason

    mayor_key = AuthToken.objects.get(user__username="ll-town-mayor").token_key
    client.post("/account/tokens/", {"token_key": mayor_key})
    assert AuthToken.objects.filter(token_key=mayor_key).exists()  # not the clerk's to revoke


def test_wrong_password_gets_no_token(demo):
    response = APIClient().post("/api/auth/token/", {"username": "ll-town-clerk", "password": "nope"}, format="json")
    assert response.status_code == 400 and "token" not in response.json()
