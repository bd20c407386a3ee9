"""The complaint pages pass axe-core's automated accessibility checks (WCAG 2.x A/AA rules)."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from complaints.models import Complaint

pytestmark = pytest.mark.django_db(transaction=True)


def test_complaint_pages_have_no_axe_violations(live_server, page, browser_login):
    call_command("load_demo", stdout=io.StringIO())
    complaint = Complaint.objects.get(summary="Enquiry about allotment lease not answered")
    browser_login("ll-town-clerk")
    axe = Axe()
    failures = {}
    for path in [
        "/complaints/",
        "/complaints/new/leighton-linslade/",
        f"/complaints/{complaint.pk}/",
        f"/complaints/{complaint.pk}/transition/",
        "/complaints/route/leighton-linslade/?complainant=&subject=",
        "/complaints/councils/leighton-linslade/",
        "/complaints/councils/leighton-linslade/chains/member-about-officer/",
        "/complaints/councils/leighton-linslade/chains/member-about-officer/steps/new/",
    ]:
        page.goto(f"{live_server.url}{path}")
        results = axe.run(page)
        violations = [v["id"] for v in results.response["violations"]]
        if violations:
            failures[path] = violations
    assert failures == {}
