"""Done means (issue 12): a Code of Conduct complaint from Peacehaven to Lewes District's decision notice."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from roles.models import Committee, Person, today
from standards.models import ConductComplaint

pytestmark = pytest.mark.django_db(transaction=True)


def pk(username: str) -> str:
    return str(Person.objects.get(username=username).pk)


def sign_out(page):  # type: ignore[no-untyped-def]
    page.click("text=Sign out")
    page.wait_for_load_state()


def open_action(page, base, case_pk, title):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/standards/conduct/{case_pk}/")
    page.click(f"#case-actions >> text={title}")
    page.wait_for_load_state()


def test_officer_complaint_reaches_the_district_and_ends_in_a_public_notice(
    live_server, page, browser_login, screenshot
):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    complainant = Person.objects.get(username="ph-officer-1")
    member = Person.objects.get(username="ph-councillor-1")

    # An officer of Peacehaven complains about a councillor.
    browser_login("ph-officer-1")
    page.goto(f"{base}/standards/conduct/")
    page.click("text=Make a complaint about a member")
    page.click("#complain-councils >> text=A member of Peacehaven Town Council")
    expect(page.locator("h1")).to_contain_text("Peacehaven Town Council")
    expect(page.locator("main")).to_contain_text("Lewes District Council")
    page.select_option("#id_subject", pk("ph-councillor-1"))
    page.fill("#id_allegation", "Shouted at me at the front desk and called me useless in front of residents.")
    page.fill("#id_conduct_on", (today() - timedelta(days=10)).isoformat())
    page.click("main form [name=submit]")
    expect(page.locator("#case-state")).to_have_text("Received: awaiting the Monitoring Officer's assessment")
    # It reaches Lewes District's Monitoring Officer.
    expect(page.locator("#case-mo")).to_contain_text("Lewes District Council")
    case = ConductComplaint.objects.get(subject=member)
    assert case.monitoring_officer.username == "ld-monitoring-officer"
    screenshot("standards-1-received")
    sign_out(page)

    # Assessed for investigation; the investigator reports; referred to the sub-committee.
    browser_login("ld-monitoring-officer")
    open_action(page, base, case.pk, "Initial assessment")
    page.check("input[name=decision][value=investigate]")
    page.fill("#id_reasons", "If proven, the conduct could breach the duty to treat others with respect.")
    page.click("main form [name=submit]")
    expect(page.locator("#case-state")).to_have_text("Under investigation")
    open_action(page, base, case.pk, "Investigation")
    page.fill("#id_investigator_name", "Ivy Investigator (external)")
    page.fill("#id_report", "Two witnesses confirm the remarks. Finding: the Code was breached.")
    page.check("#id_draft_sent")
    page.click("main form [name=submit]")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ivy Investigator")
    open_action(page, base, case.pk, "Record the decision")
    page.check("input[name=finding][value=breach]")
    page.fill("#id_reasons", "Trying to decide before the Independent Person's view.")
    page.click("main form [name=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Independent Person")
    open_action(page, base, case.pk, "Refer to a hearing")
    page.select_option("#id_committee", str(Committee.objects.get(slug="standards-sub-committee").pk))
    page.fill("#id_hearing_on", (today() + timedelta(days=14)).isoformat())
    page.fill("#id_reason", "The investigator found a breach; the member disputes it.")
    page.click("main form [name=submit]")
    expect(page.locator("#case-state")).to_have_text("Referred to a hearing")
    sign_out(page)

    # The Independent Person's view is recorded.
    browser_login("ld-independent-person")
    open_action(page, base, case.pk, "The Independent Person's view")
    page.fill("#id_view", "The remarks breached the Code; a censure and training are proportionate.")
    page.click("main form [name=submit]")
    expect(page.locator("#case-ip-view")).to_contain_text("censure and training are proportionate")
    sign_out(page)

    # The sub-committee's chair records its finding and sanction.
    browser_login("ld-councillor-1")
    open_action(page, base, case.pk, "Record the decision")
    page.check("input[name=finding][value=breach]")
    page.check("input[name=sanctions][value=censure]")
    page.check("input[name=sanctions][value=training]")
    page.fill("#id_reasons", "The member breached the duty to treat officers with respect.")
    page.click("main form [name=submit]")
    expect(page.locator("#case-state")).to_have_text("Decided")
    expect(page.locator("#case-decision")).to_contain_text("Recommended to Peacehaven Town Council")
    screenshot("standards-2-decided")
    sign_out(page)

    # The decision notice appears on Peacehaven's public page, without the complainant's name.
    page.goto(f"{base}/standards/peacehaven/decision-notices/")
    notice = page.locator(".decision-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(str(member))
    expect(notice).to_contain_text("breached the Code of Conduct")
    expect(notice).to_contain_text("Formal censure")
    expect(page.locator("main")).not_to_contain_text(str(complainant))
    expect(page.locator("main")).not_to_contain_text(complainant.last_name)
    screenshot("standards-3-decision-notice")

    # The member, signed in, sees the case but never who complained.
    browser_login("ph-councillor-1")
    page.goto(f"{base}/standards/conduct/{case.pk}/")
    expect(page.locator("#case-complainant")).to_contain_text("Withheld")
    expect(page.locator("main")).not_to_contain_text(str(complainant))
