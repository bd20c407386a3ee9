"""Each person's home page, a filtered list exported as CSV, the error pages, an invitation accepted,
and the narrow-screen navigation, in a real browser (screenshots in screenshots/)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from complaints.models import Complaint
from expectations.models import ProtocolDocument
from roles.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_pages_lists_errors_and_invitation(live_server, page, browser_login, screenshot):
    call_command("load_demo", stdout=io.StringIO())
    # The demo's one complaint waiting for the LL clerk (its number depends on what the database held before).
    reference = Complaint.objects.get(summary="Enquiry about allotment lease not answered").reference
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})

    # The clerk: a complaint to acknowledge, the count links to the filtered list, and the chart.
    browser_login("ll-town-clerk")
    expect(page.locator("h1")).to_have_text("Your work")
    work = page.locator("table", has_text="Complaints to acknowledge")
    expect(work).to_be_visible()
    expect(page.locator("figure.pp-chart svg")).to_be_visible()
    screenshot("home-clerk-work-waiting")
    work.get_by_role("link", name="Complaints to acknowledge", exact=True).click()
    expect(page.locator("h2", has_text="1 complaint")).to_be_visible()
    expect(page.locator("table.pp-list")).to_contain_text(reference)
    screenshot("complaints-filtered")
    with page.expect_download() as download_info:
        page.click("text=Download these rows as CSV")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("Reference,Council,Summary")
    assert reference in text and "Leighton-Linslade Town Council" in text and len(text.splitlines()) == 2

    # Error pages.
    assert page.goto(f"{base}/no-such-page/").status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    screenshot("error-404")

    # The invitation: the clerk adds a person with an e-mail address; they set a password from the link.
    page.goto(f"{base}/councils/leighton-linslade/people/new/")
    page.fill("#id_first_name", "Imogen")
    page.fill("#id_last_name", "Thistlewood")
    page.fill("#id_email", "imogen@example.org")
    page.fill("#id_username", "imogen-thistlewood")
    page.click("main [name=submit]")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent an invitation")
    page.goto(f"{base}/people/imogen-thistlewood/")
    expect(page.locator("#invitation")).to_contain_text("Not accepted yet")
    screenshot("person-invitation-sent")
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body)
    assert link
    path = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    page.click("button:has-text('Sign out')")
    page.goto(f"{base}{path}")
    expect(page.locator("h1")).to_have_text("Set your password")
    page.fill("#id_new_password1", "larch-meadow-2026")
    page.fill("#id_new_password2", "larch-meadow-2026")
    screenshot("invitation-set-password")
    page.click("button:has-text('Set password and sign in')")
    expect(page.locator("h1")).to_have_text("Your work")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password is set")
    expect(page.locator("#no-work")).to_have_text("Nothing is waiting for you.")
    screenshot("home-invited-person-empty")
    page.click("button:has-text('Sign out')")

    # A councillor: a 403 with the service's reason; their own complaint with its next date.
    browser_login("ll-councillor-2")
    assert page.goto(f"{base}/requests/disputes/").status == 403
    expect(page.locator("#error-reason")).to_have_text("The review queue is the Monitoring Officer's.")
    screenshot("error-403-with-reason")
    page.goto(f"{base}/")
    expect(page.locator("table", has_text="Your complaints")).to_be_visible()
    screenshot("home-councillor-own-complaint")

    # At 390 px the navigation collapses behind a Menu button and the work table scrolls in its box.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/")
    toggle = page.locator(".govuk-service-navigation__toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("#navigation")).to_be_hidden()
    toggle.click()
    expect(page.locator("#navigation")).to_be_visible()
    screenshot("home-councillor-390-menu-open")
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, "the page scrolls sideways at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("button:has-text('Sign out')") if page.locator("button:has-text('Sign out')").is_visible() else None

    # The Monitoring Officer, with the protocol read: their queues and the chart.
    mo = Person.objects.get(username="tw-monitoring-officer")
    for doc in ProtocolDocument.objects.filter(status="adopted"):
        doc.acknowledgements.get_or_create(person=mo, defaults={"acknowledged_at": doc.created_at})
    browser_login("tw-monitoring-officer")
    expect(page.locator("h1")).to_have_text("Your work")
    screenshot("home-monitoring-officer")
