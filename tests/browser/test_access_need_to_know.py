"""Done means (issue 5): a need-to-know dispute from request to reading, in a real browser."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from access_requests.models import AccessLogEntry, AccessRequest, Document, State

pytestmark = pytest.mark.django_db(transaction=True)

EXEMPT = "Mill Road depot disposal: heads of terms"


def sign_out(page):
    page.click("text=Sign out")
    page.wait_for_load_state()


def test_need_to_know_dispute_to_inspect_only_reading(live_server, page, browser_login, screenshot):
    call_command("load_demo")
    document = Document.objects.get(title=EXEMPT)

    # The councillor asks for an exempt document, stating a purpose and no interest.
    browser_login("tw-councillor-2")
    page.goto(f"{live_server.url}/requests/documents/")
    page.click(f"text={EXEMPT}")
    expect(page.locator("text=Ask for access")).to_be_visible()  # the document's page has loaded ...
    expect(page.locator("text=Read in the browser")).to_have_count(0)  # ... and offers no reading
    page.click("text=Ask for access")
    page.check("input[name=basis][value=need_to_know]")
    page.fill("#id_purpose", "I am preparing to scrutinise the depot disposal at the Executive Committee.")
    page.check("input[name=has_interest][value=no]")
    screenshot("access-1-request-form")
    page.click("main form [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Awaiting decision")
    access_request = AccessRequest.objects.get()
    request_id = access_request.pk
    sign_out(page)

    # The owner's officer sees the recommendation and refuses for lack of need to know.
    browser_login("tw-director")
    page.goto(f"{live_server.url}/requests/{request_id}/")
    expect(page.locator("#recommendation")).to_contain_text("need to know")
    expect(page.locator("#recommendation")).to_contain_text("3.3")
    screenshot("access-2-officer-recommendation")
    page.click("a:has-text('Decide')")
    page.check("input[name=decision][value=refuse]")
    page.check("input[name=grounds][value=restricted_need_to_know]")
    page.fill("#id_reasons", "The purpose does not show a need to know beyond the published report.")
    page.click("main form [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Refused")
    sign_out(page)

    # The councillor refers the refusal to the Monitoring Officer.
    browser_login("tw-councillor-2")
    page.goto(f"{live_server.url}/requests/{request_id}/")
    page.click("a:has-text('Refer to the Monitoring Officer')")
    page.fill("#id_reason", "I sit on the Executive Committee, which decides the disposal.")
    page.click("main form [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("With the Monitoring Officer")
    sign_out(page)

    # The MO reviews the queue and grants inspection only.
    browser_login("tw-monitoring-officer")
    page.goto(f"{live_server.url}/requests/disputes/")
    expect(page.locator("main")).to_contain_text(EXEMPT)
    screenshot("access-3-mo-queue")
    page.click("a:has-text('Review')")
    page.click("a:has-text('Determine')")
    page.check("input[name=decision][value=grant_inspect]")
    page.fill("#id_reasons", "A committee member deciding the disposal needs to know the terms.")
    page.click("main form [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Granted by the Monitoring Officer")
    sign_out(page)

    # The councillor accepts the undertaking and reads it in the browser; no download is offered.
    browser_login("tw-councillor-2")
    page.goto(f"{live_server.url}/requests/{request_id}/")
    page.click("a:has-text('Accept the undertaking and read')")
    expect(page.locator("#undertaking-text")).to_contain_text(
        "will never disclose it to anyone not entitled to it (TW 3.7)"
    )
    page.check("#id_accept")
    page.click("main form [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("#document-text")).to_contain_text("commercially sensitive")
    expect(page.locator("text=Download a stamped copy")).to_have_count(0)
    expect(page.locator("#inspect-only")).to_be_visible()
    screenshot("access-4-inspect-only-reading")
    response = page.request.get(f"{live_server.url}/requests/documents/{document.pk}/copy/")
    assert response.status == 403
    response = page.request.get(f"{live_server.url}/api/documents/{document.pk}/content/")
    assert response.status == 403
    sign_out(page)

    # The access log shows the read, under the MO's grant.
    assert AccessRequest.objects.get().state == State.DETERMINED_GRANTED
    assert AccessLogEntry.objects.filter(document=document, action="view").count() == 1
    browser_login("tw-monitoring-officer")
    page.goto(f"{live_server.url}/requests/documents/{document.pk}/log/")
    expect(page.locator("#access-log")).to_contain_text("Viewed in the browser")
    expect(page.locator("#access-log")).to_contain_text(f"Grant on request {access_request.reference}")
    screenshot("access-5-access-log")
