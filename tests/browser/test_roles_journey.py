import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_clerk_signs_in_and_opens_the_council_page(live_server, page, browser_login, screenshot):
    call_command("load_demo")
    browser_login("ll-town-clerk")
    assert page.locator("h1").inner_text() == "Your work"
    page.click(".govuk-summary-card a:has-text('Leighton-Linslade Town Council')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Leighton-Linslade Town Council"
    assert page.locator("text=Appoint someone").is_visible()
    assert page.locator("table >> text=Town Clerk").first.is_visible()
    screenshot("roles-council-page")
    page.click("text=Sign out")
    page.wait_for_load_state()
    assert page.locator("a:has-text('Sign in')").first.is_visible()


def test_wrong_password_gives_an_error_summary(live_server, page, browser_login):
    call_command("load_demo", "--reference-only")
    browser_login("ll-town-clerk", "not-the-password")
    assert page.locator(".govuk-error-summary").is_visible()
