"""A person sees the API tokens issued to their devices and revokes one, in a real browser."""

import pytest
from django.core.management import call_command
from knox.models import AuthToken
from playwright.sync_api import expect
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_revoke_a_device_token(live_server, page, browser_login, screenshot):
    call_command("load_demo")
    for device in ("Clerk's laptop", "Agenda sync script"):
        response = APIClient().post(
            "/api/auth/token/",
            {"username": "ll-town-clerk", "password": "demo-pass-2026", "device": device},
            format="json",
        )
        assert response.status_code == 200

    browser_login("ll-town-clerk")
    page.goto(f"{live_server.url}/account/tokens/")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Agenda sync script")
    screenshot("tokens-1-list")
    page.locator("tr", has_text="Agenda sync script").get_by_role("button", name="Revoke").click()
    expect(page.locator("main")).to_contain_text("revoked: anything using it can no longer reach the API")
    expect(rows).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Agenda sync script")
    screenshot("tokens-2-revoked")
    assert AuthToken.objects.filter(user__username="ll-town-clerk").count() == 1
