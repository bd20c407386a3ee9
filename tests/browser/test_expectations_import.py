"""A clerk pastes a new protocol, corrects the proposed clauses, confirms a draft and adopts it; staff are asked to read it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from expectations.models import ProtocolDocument

TEXT = """Kingsthorpe Parish Council

3. Expectations

3.1 Councillors can expect from officers:

(a) A timely response to enquiries and complaints, within five working days.
(b) Impartial professional advice.

3.2 Officers can expect from councillors:

- Respect, dignity and courtesy.
- Not to be put under undue pressure.
"""


@pytest.mark.django_db(transaction=True)
def test_clerk_imports_corrects_and_adopts(live_server, page, browser_login, screenshot):
    call_command("load_demo", verbosity=0)
    browser_login("ki-clerk")
    page.goto(f"{live_server.url}/protocols/kingsthorpe/versions/")
    page.get_by_role("link", name="Import a new version from its text").click()
    page.fill("#id_version", "3")
    page.fill("#id_text", TEXT)
    page.get_by_role("button", name="Propose clauses").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("6 clauses proposed")
    numbers = [page.input_value(f"#id_clauses-{i}-number") for i in range(6)]
    assert numbers == ["3.1", "3.1(a)", "3.1(b)", "3.2", "3.2(a)", "3.2(b)"]
    kinds = [
        "principle",
        "expectation_of_officers",
        "expectation_of_officers",
        "principle",
        "expectation_of_members",
        "expectation_of_members",
    ]
    for i, kind in enumerate(kinds):
        page.select_option(f"#id_clauses-{i}-kind", kind)
    page.locator(".portal-themes").nth(1).locator("summary").click()
    page.locator(".portal-themes").nth(1).get_by_label("Timely response").check()
    page.fill("#id_clauses-2-text", "Impartial, professional advice.")  # the clerk corrects the wording
    screenshot("expectations-import-review")
    page.get_by_role("button", name="Confirm and create the draft").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("This is a draft")
    page.get_by_role("link", name="Adopt this version").click()
    page.fill("#id_adopted_on", "2026-11-20")
    page.fill("#id_review_due", "2027-11-30")
    page.get_by_role("button", name="Adopt this version").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Version adopted")
    screenshot("expectations-adopted-catalogue")
    new = ProtocolDocument.objects.get(council__slug="kingsthorpe", status="adopted")
    assert new.version == "3" and new.supersedes.version == "2"
    assert new.clauses.get(number="3.1(b)").text == "Impartial, professional advice."
    assert list(new.clauses.get(number="3.1(a)").themes.values_list("slug", flat=True)) == ["timely-response"]
    page.goto(f"{live_server.url}/protocols/kingsthorpe/versions/2/")
    expect(page.locator("main")).to_contain_text("superseded by version 3")
