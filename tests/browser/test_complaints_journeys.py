"""Done means (issue 4): complaints logged, routed, hidden and escalated, in a real browser."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from complaints.models import Complaint
from complaints.selectors import clauses_offered
from roles.models import Council, Person

pytestmark = pytest.mark.django_db(transaction=True)


def pk(username: str) -> str:
    return str(Person.objects.get(username=username).pk)


def sign_out(page):  # type: ignore[no-untyped-def]
    page.click("text=Sign out")
    page.wait_for_load_state()


def log_complaint(page, base, council, *, subject, summary, complainant=None, channel=None, cite=()):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/complaints/new/")
    page.click(f"a[href='/complaints/new/{council}/']")
    page.wait_for_load_state()
    if complainant:
        page.select_option("#id_complainant", pk(complainant))
    page.select_option("#id_subject", pk(subject))
    if channel:
        page.select_option("#id_channel", channel)
    page.fill("#id_summary", summary)
    page.fill("#id_details", "Written notes of what happened are attached to the file (journey test).")
    for clause_id in cite:
        page.check(f"input[name=expectations][value='{clause_id}']")
    page.click("main form [name=submit]")
    page.wait_for_load_state()


def test_clerk_logs_a_complaint_about_a_junior_officer_and_it_reaches_the_town_clerk(
    live_server, page, browser_login, screenshot
):
    call_command("load_demo", stdout=io.StringIO())
    timely = clauses_offered(council=Council.objects.get(code="ll")).filter(themes__slug="timely-response").first()
    assert timely is not None, "LL's adopted protocol has a timely-response expectation"
    browser_login("ll-town-clerk")
    log_complaint(
        page,
        live_server.url,
        "leighton-linslade",
        complainant="ll-councillor-1",
        subject="ll-officer-1",
        summary="Enquiry about bins ignored",
        channel="letter",
        cite=[timely.pk],
    )
    expect(page.locator("main")).to_contain_text("Complaint logged and routed")
    expect(page.locator("#complaint-handler")).to_contain_text("Town Clerk")
    expect(page.locator("#complaint-state")).to_contain_text("Received")
    screenshot("complaints-1-logged-reaches-town-clerk")
    complaint = Complaint.objects.get(summary="Enquiry about bins ignored")
    assert complaint.handler.username == "ll-town-clerk" and complaint.logged_by.username == "ll-town-clerk"
    assert list(complaint.expectations.all()) == [timely]
    expect(page.locator("main")).to_contain_text(timely.text[:40])


def test_complaint_about_the_town_clerk_reaches_the_mayor_and_the_clerk_cannot_open_it(
    live_server, page, browser_login, screenshot
):
    call_command("load_demo", stdout=io.StringIO())
    browser_login("ll-councillor-1")
    log_complaint(
        page, live_server.url, "leighton-linslade", subject="ll-town-clerk", summary="Clerk overruled a resolution"
    )
    expect(page.locator("#complaint-handler")).to_contain_text("Town Mayor")
    screenshot("complaints-2-about-town-clerk-reaches-mayor")
    complaint = Complaint.objects.get(summary="Clerk overruled a resolution")
    assert complaint.handler.username == "ll-town-mayor"
    sign_out(page)

    browser_login("ll-town-clerk")
    response = page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    assert response is not None and response.status == 404
    screenshot("complaints-3-town-clerk-cannot-open-it")
    page.goto(f"{live_server.url}/complaints/?q=overruled")
    expect(page.locator("main")).not_to_contain_text("Clerk overruled a resolution")
    assert page.goto(f"{live_server.url}/history/complaints.complaint/{complaint.pk}/").status == 404


def test_tw_complaint_about_the_chief_executive_reaches_the_monitoring_officer(
    live_server, page, browser_login, screenshot
):
    call_command("load_demo", stdout=io.StringIO())
    browser_login("tw-councillor-1")
    page.goto(
        f"{live_server.url}/complaints/route/tewkesbury/?complainant={pk('tw-councillor-1')}"
        f"&subject={pk('tw-chief-executive')}"
    )
    expect(page.locator("#route-handler")).to_contain_text("Monitoring Officer")
    screenshot("complaints-4-dry-run-chief-executive")
    log_complaint(page, live_server.url, "tewkesbury", subject="tw-chief-executive", summary="Briefing withheld")
    expect(page.locator("#complaint-handler")).to_contain_text("Monitoring Officer")
    expect(page.locator("main")).to_contain_text("is the person complained about")
    screenshot("complaints-5-tw-chief-executive-reaches-mo")
    assert Complaint.objects.get(summary="Briefing withheld").handler.username == "tw-monitoring-officer"


def test_escalation_moves_an_unresolved_complaint_one_step_up(live_server, page, browser_login, screenshot):
    call_command("load_demo", stdout=io.StringIO())
    browser_login("tw-councillor-1")
    log_complaint(page, live_server.url, "tewkesbury", subject="tw-officer-1", summary="Planning advice late")
    complaint = Complaint.objects.get(summary="Planning advice late")
    assert complaint.handler.username == "tw-director"
    sign_out(page)

    browser_login("tw-director")
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    page.select_option("#id_to", "escalated")
    page.fill("#id_reason", "Could not resolve it at directorate level.")
    screenshot("complaints-6-director-escalates")
    page.click("form[action$='/transition/'] [name=submit]")
    page.wait_for_load_state()
    expect(page.locator("#complaint-handler")).to_contain_text("Chief Executive")
    expect(page.locator("#complaint-state")).to_contain_text("Escalated")
    expect(page.locator("main")).to_contain_text("Escalation 1")
    screenshot("complaints-7-escalated-to-chief-executive")
    complaint.refresh_from_db()
    assert complaint.handler.username == "tw-chief-executive" and complaint.state == "escalated"
