"""An anonymous visitor compares "timely response" across the five councils and reads each council's clause."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

EXPECTED = {
    "leighton-linslade": ("LL 5.4", "Timely response to enquiries and complaints."),
    "kingsthorpe": ("KI 3.1(d)", "A timely response from officers to enquiries and complaints"),
    "peacehaven": ("PH Expectations-C4", "A timely response to enquiries and complaints"),
    "cabinet-district": ("CD 3.1(d)", "Timely response to enquiries and complaints."),
    "tewkesbury": ("TW 2.12.6(e)", "respond in a timely manner to telephone calls"),
}


@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_compares_timely_response(live_server, page, screenshot):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Protocols").first.click()
    page.get_by_role("link", name="Compare councils by theme").click()
    page.select_option("#theme", "timely-response")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare councils' protocols: Timely response")
    rows = page.locator("table.portal-compare tbody tr")
    expect(rows).to_have_count(5)
    for slug, (reference, words) in EXPECTED.items():
        cell = page.locator(f'tr[data-council="{slug}"] td')
        expect(cell).to_contain_text(reference)
        expect(cell).to_contain_text(words, ignore_case=True)
        expect(cell).not_to_contain_text("No clause")
    screenshot("expectations-compare-timely-response")
    page.get_by_role("link", name="CD 3.1(d)").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clause 3.1(d)")
    expect(page.locator(".portal-clause-text")).to_contain_text("Timely response to enquiries and complaints.")
    screenshot("expectations-clause-cd-3-1-d")
