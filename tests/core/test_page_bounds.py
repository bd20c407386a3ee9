"""Every page and API list is bounded, and what a person gets does not grow with what they cannot see.

Budgets (issue "Performance where it hurts"): no HTML page over 150 KB, no API page over 100 KB;
adding 1,000 councils (and other councils' complaints and requests) changes neither the bytes nor
the SQL queries of a person's pages.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from access_requests import services as access_services
from access_requests.models import AccessRequest, Document, State
from complaints.models import Complaint
from complaints.services import complaint_create
from roles.models import Council, Person

pytestmark = pytest.mark.django_db

HTML_MAX = 150 * 1024
API_MAX = 100 * 1024
CLERK = "tw-member-services-officer"  # administers Tewkesbury: sees all of its complaints
MO = "tw-monitoring-officer"
COUNCILLOR = "tw-councillor-2"

# (who, url, kind): the lists of the people who work hardest.
PAGES = [
    (CLERK, "/complaints/", "html"),
    (CLERK, "/complaints/?q=late", "html"),
    (CLERK, "/requests/", "html"),
    (CLERK, "/api/complaints/", "api"),
    (MO, "/requests/disputes/", "html"),
    (COUNCILLOR, "/requests/", "html"),
    (COUNCILLOR, "/api/documents/", "api"),
    ("admin", "/complaints/", "html"),
    ("admin", "/api/complaints/", "api"),
    (None, "/api/councils/", "api"),
]


@pytest.fixture
def portal_admin(demo):
    return Person.objects.create_superuser(username="portal-admin", password="x-long-enough-password")


def _copies(template, n, **changes):
    """``n`` copies of a row (bulk, no history: test data standing for other people's records)."""
    rows = []
    for _ in range(n):
        template.pk = None
        template.id = None
        for field, value in changes.items():
            setattr(template, field, value)
        rows.append(type(template)(**{f.attname: getattr(template, f.attname) for f in template._meta.concrete_fields}))
    return type(template).objects.bulk_create(rows)


@pytest.fixture
def busy(demo, person):
    """Tewkesbury with more complaints and disputes than one page shows."""
    tw = Council.objects.get(slug="tewkesbury")
    complaint = complaint_create(
        actor=person(CLERK),
        council=tw,
        complainant=person(COUNCILLOR),
        subject=person("tw-officer-1"),
        summary="Late reply to an enquiry",
        details="No reply for a month.",
    )
    _copies(Complaint.objects.get(pk=complaint.pk), 60)
    document = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    request = access_services.access_request_submit(
        actor=person(COUNCILLOR),
        council=tw,
        requester=person(COUNCILLOR),
        document=document,
        basis="need_to_know",
        purpose="Scrutiny at committee.",
    )
    access_services.access_request_refer(actor=person("tw-director"), access_request=request, reason="In doubt")
    _copies(AccessRequest.objects.get(pk=request.pk), 45, document_id=None, described_information="Depot papers")
    return tw


def _get(client, who, url, portal_admin):
    client.logout()
    if who == "admin":
        client.force_login(portal_admin)
    elif who:
        client.force_login(Person.objects.get(username=who))
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (who, url, response.status_code)
    return len(response.content), len(queries)


def _unseen_records(person):
    """1,000 councils and a few hundred complaints and requests of a council the Tewkesbury people cannot see."""
    Council.objects.bulk_create(
        Council(name=f"Extra Parish Council {n}", slug=f"extra-{n}", code=f"x{n}", tier=Council.Tier.PARISH)
        for n in range(1000)
    )
    ll = Council.objects.get(slug="leighton-linslade")
    other = complaint_create(
        actor=person("ll-town-clerk"),
        council=ll,
        complainant=person("ll-councillor-2"),
        subject=person("ll-officer-1"),
        summary="Late reply elsewhere",
        details="Not Tewkesbury's business.",
    )
    _copies(Complaint.objects.get(pk=other.pk), 300)
    template = AccessRequest.objects.filter(council__slug="tewkesbury").first()
    councillor = person("ll-councillor-2").pk
    _copies(
        template,
        300,
        council_id=ll.pk,
        state=State.REFERRED,
        requester_id=councillor,
        made_by_id=councillor,
        decided_by_id=None,
        document_id=None,
    )


def test_pages_stay_within_their_byte_budgets(client, busy, portal_admin):
    for who, url, kind in PAGES:
        size, _ = _get(client, who, url, portal_admin)
        assert size <= (HTML_MAX if kind == "html" else API_MAX), (who, url, size)


def test_lists_are_paginated(client, busy, portal_admin, login):
    login(CLERK)
    page = client.get("/complaints/").content.decode()
    assert page.count('class="govuk-table__row"') == 1 + 25  # header row + one page
    assert 'rel="next"' in page
    login(MO)
    queue = client.get("/requests/disputes/").content.decode()
    assert queue.count('class="govuk-summary-card"') == 20 and 'rel="next"' in queue
    assert "46 waiting" in queue
    second = client.get("/requests/disputes/?page=3").content.decode()
    assert second.count('class="govuk-summary-card"') == 6
    councils = client.get("/api/councils/?page_size=2").json()
    assert (
        len(councils["results"]) == 2
        and councils["next"]
        and set(councils["results"][0])
        >= {
            "slug",
            "name",
            "tier",
            "principal_council",
        }
    )


def test_a_page_does_not_grow_with_records_the_person_cannot_see(client, busy, portal_admin, person):
    people_pages = [(who, url) for who, url, _ in PAGES if who not in (None, "admin")]
    before = {(who, url): _get(client, who, url, portal_admin) for who, url in people_pages}
    admin_before = _get(client, "admin", "/complaints/", portal_admin)
    _unseen_records(person)
    for who, url in people_pages:
        size, queries = _get(client, who, url, portal_admin)
        old_size, old_queries = before[(who, url)]
        assert queries == old_queries, (who, url, old_queries, queries)
        # The CSRF token and dates are the same length on every response: the bytes do not move.
        assert abs(size - old_size) <= 64, (who, url, old_size, size)
    # The portal administrator sees the new complaints, but still one page of them, and types the council.
    size, queries = _get(client, "admin", "/complaints/", portal_admin)
    assert queries <= admin_before[1]  # fewer: the council is typed, not picked from a list
    assert size <= HTML_MAX and abs(size - admin_before[0]) < 8 * 1024


def test_council_filter_offers_only_the_persons_councils(client, busy, login):
    login(CLERK)
    page = client.get("/complaints/").content.decode()
    assert '<option value="tewkesbury"' in page
    assert '<option value="leighton-linslade"' not in page


def test_search_finds_complaints_by_a_persons_name(client, busy, login, person):
    login(CLERK)
    subject = person("tw-officer-1")
    page = client.get("/complaints/", {"q": subject.last_name}).content.decode()
    assert "Late reply to an enquiry" in page
    assert "0 complaints" not in page
    none = client.get("/complaints/", {"q": "zzzz-nobody"}).content.decode()
    assert "0 complaints" in none
