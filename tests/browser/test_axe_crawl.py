"""axe-core over every page reachable from the navigation and the home page, signed in as each demo role.

Not a fixed list: the links are read from the pages themselves (same site, GET pages only), bounded per role.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["ll-town-clerk", "ll-councillor-1", "ll-town-mayor", "tw-monitoring-officer", None]
PAGES_PER_ROLE = 12
# Downloads, the API browser (its own third-party page) and the Django admin are not service pages.
SKIP = ("/api/", "/admin/", "/export.", "/copy/", "format=csv", "/accounts/logout")


def _links(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all(
        "#navigation a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "http")) and not href.startswith(base):
            continue
        parts = urlsplit(href)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not any(s in path for s in SKIP) and path not in found:
            found.append(path)
    return found


def test_every_page_reachable_from_the_navigation_and_home_page_has_no_axe_violations(live_server, page, browser_login):
    call_command("load_demo", stdout=io.StringIO())
    base = live_server.url
    axe = Axe()
    failures: dict[str, list[str]] = {}
    checked = 0
    for role in ROLES:
        page.context.clear_cookies()
        if role:
            browser_login(role)
        page.goto(f"{base}/")
        queue = ["/", *_links(page, base)]
        seen: set[str] = set()
        for path in queue:
            if len(seen) >= PAGES_PER_ROLE:
                break
            if path in seen:
                continue
            seen.add(path)
            response = page.goto(f"{base}{path}")
            assert response is not None and response.status < 500, f"{role}: {path} gave {response and response.status}"
            violations = [v["id"] for v in axe.run(page).response["violations"]]
            if violations:
                failures[f"{role or 'signed out'} {path}"] = violations
            checked += 1
    print(f"axe-core checked {checked} pages")
    assert checked >= 30
    assert failures == {}
