import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_signs_in_and_opens_the_council_page(live_server, page, browser_login, screenshot):
    call_command("load_demo")
    browser_login("ll-town-clerk")
    expect(page.locator("h1")).to_have_text("Your work")
    page.click(".govuk-summary-card a:has-text('Leighton-Linslade Town Council')")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Leighton-Linslade Town Council")
    expect(page.locator("text=Appoint someone")).to_be_visible()
    expect(page.locator("table >> text=Town Clerk").first).to_be_visible()
    screenshot("roles-council-page")
    page.click("text=Sign out")
    page.wait_for_load_state()
    expect(page.locator("a:has-text('Sign in')").first).to_be_visible()


def test_wrong_password_gives_an_error_summary(live_server, page, browser_login):
    call_command("load_demo", "--reference-only")
    browser_login("ll-town-clerk", "not-the-password")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
