"""Done means (issue 11): a resident's complaint through both stages, a subject's reply, and the annual report."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from complaints.models import Complaint, RoutingChain
from roles.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def pk(username: str) -> str:
    return str(Person.objects.get(username=username).pk)


def sign_out(page):  # type: ignore[no-untyped-def]
    page.click("text=Sign out")
    page.wait_for_load_state()


def test_residents_complaint_answered_escalated_and_answered_by_someone_else_then_the_report(
    live_server, page, browser_login, screenshot
):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    browser_login("ll-town-clerk")
    page.goto(f"{base}/complaints/new/leighton-linslade/")
    page.fill("#id_complainant_name", "Rosa Quill")
    page.fill("#id_complainant_email", "rosa.quill@example.org")
    page.select_option("#id_subject", pk("ll-officer-1"))
    page.select_option("#id_channel", "letter")
    page.fill("#id_summary", "Bins left uncollected on Linslade Road")
    page.fill("#id_details", "Collection was promised twice in writing and did not happen.")
    page.click("main form [name=submit]")
    expect(page.locator("#complaint-complainant")).to_contain_text("Rosa Quill (holds no office")
    expect(page.locator("#complaint-handler")).to_contain_text("Town Clerk")
    expect(page.locator("#complaint-stage")).to_contain_text("Stage 1 of 2")

    page.check("input[name=respond-finding][value=not_upheld]")
    page.fill("#id_respond-response", "The collections were made on the scheduled days; photographs are on file.")
    page.click("form[action$='/respond/'] [name=submit]")
    expect(page.locator("#complaint-finding")).to_have_text("Not upheld")
    expect(page.locator("#response-stage-1")).to_contain_text("Stage 1: Not upheld")
    screenshot("complaints-stages-1-answered-not-upheld")

    # The resident has no login: the clerk who logged it escalates on their behalf, with their reason.
    page.fill("#id_escalate-reason", "Ms Quill says the bins are still there.")
    page.click("form[action$='/escalate/'] [name=submit]")
    expect(page.locator("#complaint-stage")).to_contain_text("Stage 2 of 2")
    expect(page.locator("#complaint-handler")).to_contain_text("Town Mayor")
    sign_out(page)

    browser_login("ll-town-mayor")
    complaint = Complaint.objects.get(summary="Bins left uncollected on Linslade Road")
    page.goto(f"{base}{complaint.get_absolute_url()}")
    page.check("input[name=respond-finding][value=upheld]")
    page.fill("#id_respond-response", "The round was missed twice. We apologise.")
    page.fill("#id_respond-actions", "Collect the bins this week")
    page.click("form[action$='/respond/'] [name=submit]")
    expect(page.locator("#response-stage-2")).to_contain_text("Stage 2: Upheld")
    expect(page.locator("#response-stage-2")).to_contain_text("Ombudsman")
    screenshot("complaints-stages-2-answered-by-the-mayor")
    sign_out(page)

    browser_login("ll-town-clerk")
    page.goto(f"{base}/complaints/councils/leighton-linslade/report/?year={complaint.received_on.year}")
    expect(page.locator("svg.pp-chart")).to_have_count(7)
    expect(page.locator("[data-figure=escalations]")).not_to_have_text("0")
    expect(page.locator("main")).to_contain_text("Not upheld, by handler")
    screenshot("complaints-stages-3-annual-report")


def test_subject_invited_to_comment_replies(live_server, page, browser_login, screenshot):
    call_command("load_demo", stdout=io.StringIO())
    RoutingChain.objects.filter(council__code="ll", slug="fallback").update(subject_may_comment=True)
    base = live_server.url
    browser_login("ll-town-clerk")
    page.goto(f"{base}/complaints/new/leighton-linslade/")
    page.fill("#id_complainant_name", "Tom Hale")
    page.fill("#id_complainant_phone", "01525 000111")
    page.select_option("#id_subject", pk("ll-officer-1"))
    page.fill("#id_summary", "Rude at the front desk")
    page.fill("#id_details", "I was spoken to rudely when paying for an allotment.")
    page.click("main form [name=submit]")
    expect(page.locator("#subject-comment")).to_contain_text("no reply yet")
    complaint = Complaint.objects.get(summary="Rude at the front desk")
    sign_out(page)

    browser_login("ll-officer-1")
    page.goto(f"{base}/complaints/{complaint.pk}/your-reply/")
    expect(page.locator("#allegation")).to_contain_text("spoken to rudely")
    page.fill("#id_reply", "The desk was very busy; I am sorry it came across that way.")
    page.click("main form [name=submit]")
    expect(page.locator("#your-reply")).to_contain_text("very busy")
    screenshot("complaints-stages-4-subject-replied")
    sign_out(page)

    browser_login("ll-town-clerk")
    page.goto(f"{base}{complaint.get_absolute_url()}")
    expect(page.locator("#subject-comment")).to_contain_text("very busy")
