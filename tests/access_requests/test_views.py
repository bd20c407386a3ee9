from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from access_requests import services
from access_requests.models import AccessRequest, AccessRule, Document
from roles.models import RelationshipDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def exempt(demo):
    return Document.objects.get(title="Mill Road depot disposal: heads of terms")


def test_request_without_purpose_shows_an_error_summary_and_writes_nothing(exempt, client, login):
    login("tw-councillor-2")
    response = client.post(
        "/requests/councils/tewkesbury/new/",
        {"document": exempt.pk, "basis": "need_to_know", "purpose": "", "has_interest": "no"},
    )
    assert response.status_code == 400  # bad input: the page answers as the API does
    assert "govuk-error-summary" in response.content.decode() and "Enter the purpose" in response.content.decode()
    assert AccessRequest.objects.count() == 0


def test_clerk_enters_a_request_on_a_councillors_behalf(exempt, client, login, person):
    login("tw-member-services-officer")
    response = client.post(
        "/requests/councils/tewkesbury/new/",
        {
            "requester": person("tw-councillor-1").pk,
            "document": exempt.pk,
            "basis": "statutory",
            "purpose": "For the committee.",
            "has_interest": "no",
        },
    )
    assert response.status_code == 302
    r = AccessRequest.objects.get()
    assert r.requester.username == "tw-councillor-1" and r.made_by.username == "tw-member-services-officer"


def test_councillor_cannot_enter_a_request_for_someone_else(exempt, client, login, person):
    login("tw-councillor-2")
    client.post(
        "/requests/councils/tewkesbury/new/",
        {
            "requester": person("tw-councillor-1").pk,
            "document": exempt.pk,
            "basis": "statutory",
            "purpose": "x",
            "has_interest": "no",
        },
    )
    assert AccessRequest.objects.get().requester.username == "tw-councillor-2"  # the field is not offered


def test_other_council_cannot_open_the_request_form(exempt, client, login):
    login("ll-councillor-1")
    assert client.get("/requests/councils/tewkesbury/new/").status_code == 403


def test_administrator_uploads_to_private_storage(demo, client, login):
    login("ll-town-clerk")
    office = Document.objects.filter(council__slug="leighton-linslade").first().owner_office
    response = client.post(
        "/requests/councils/leighton-linslade/documents/new/",
        {
            "title": "New lease",
            "classification": "confidential",
            "category": "contractual",
            "owner_office": office.pk,
            "matters": "lease",
            "file": SimpleUploadedFile("lease.txt", b"Lease terms.", content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(title="New lease")
    assert Path(document.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert "lease.txt" not in document.file.name  # a name we chose
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - no public URL exists for a private document
    login("ll-councillor-1")
    assert client.get("/requests/councils/leighton-linslade/documents/new/").status_code == 403


def test_rules_page_shows_clauses_and_admin_can_edit(demo, client, login):
    login("tw-councillor-1")
    page = client.get("/requests/councils/tewkesbury/rules/").content.decode()
    assert "TW 3.4(b)" in page
    assert client.get("/requests/councils/tewkesbury/rules/foi/").status_code == 403
    login("tw-member-services-officer")
    response = client.post(
        "/requests/councils/tewkesbury/rules/foi/", {"clause_number": "3.2", "categories": "", "note": ""}
    )
    assert response.status_code == 302
    assert not AccessRule.objects.get(council__slug="tewkesbury", kind="foi").enabled
    response = client.post(
        "/requests/councils/tewkesbury/rules/policy/",
        {"decision_working_days": 5, "reminder_working_days": 1, "decider_levels": "nonsense", "undertaking_text": "U"},
    )
    assert response.status_code == 400 and "Unknown management levels" in response.content.decode()


def test_conflicted_mo_sees_why_and_no_determine_button(exempt, client, login, person):
    RelationshipDeclaration.objects.create(
        council=exempt.council,
        member=person("tw-councillor-2"),
        officer=person("tw-monitoring-officer"),
        nature="partner",
        start_date="2020-01-01",
    )
    r = services.access_request_submit(
        actor=person("tw-councillor-2"),
        council=exempt.council,
        requester=person("tw-councillor-2"),
        document=exempt,
        basis="need_to_know",
        purpose="p",
    )
    services.access_request_refer(actor=person("tw-director"), access_request=r, reason="In doubt.")
    login("tw-monitoring-officer")
    page = client.get(f"/requests/{r.pk}/").content.decode()
    assert "declared close relationship" in page and "/determine/" not in page
    assert client.post(f"/requests/{r.pk}/determine/", {"decision": "grant_copy", "reasons": "x"}).status_code == 403


def test_decide_page_prefills_the_recommendation_and_cites_clauses(exempt, client, login, person):
    r = services.access_request_submit(
        actor=person("tw-councillor-1"),
        council=exempt.council,
        requester=person("tw-councillor-1"),
        document=Document.objects.get(title="Counsel's opinion: Mill Road planning appeal"),
        basis="need_to_know",
        purpose="p",
    )
    login("tw-monitoring-officer")  # owner office of counsel's opinion
    page = client.get(f"/requests/{r.pk}/decide/").content.decode()
    assert (
        "3.4(b)" in page and 'value="refuse" checked' in page.replace("\n", " ").replace("  ", " ") or "checked" in page
    )


def _more_documents(council, owner, n):
    from django.core.files.base import ContentFile

    for i in range(n):
        services.document_upload(
            actor=None,
            council=council,
            title=f"Extra {i}",
            classification="exempt",
            category="other",
            owner_office=owner,
            upload=ContentFile(b"text", name="x.txt"),
            check_permission=False,
        )


@pytest.mark.parametrize("url", ["/requests/documents/", "/requests/", "/requests/disputes/"])
def test_list_pages_run_a_fixed_number_of_queries(exempt, client, login, person, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def referred_requests(usernames):
        for username in usernames:
            r = services.access_request_submit(
                actor=person(username),
                council=exempt.council,
                requester=person(username),
                document=exempt,
                basis="need_to_know",
                purpose="p",
            )
            services.access_request_refer(actor=person("tw-director"), access_request=r, reason="doubt")

    login("tw-monitoring-officer")
    # One referred request first, so every list has a row to fetch: growth is measured from one row to many.
    first = services.access_request_submit(
        actor=person("tw-councillor-2"),
        council=exempt.council,
        requester=person("tw-councillor-2"),
        document=exempt,
        basis="need_to_know",
        purpose="p",
    )
    services.access_request_refer(actor=person("tw-director"), access_request=first, reason="doubt")
    client.get(url)  # warm the per-process caches (content types) first
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _more_documents(exempt.council, exempt.owner_office, 5)
    referred_requests(["tw-councillor-1", "tw-councillor-3", "tw-councillor-4"])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before), "\n".join(q["sql"][:150] for q in after.captured_queries)


def test_detail_pages_run_a_fixed_number_of_queries(exempt, client, login, person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def submit(username, doc):
        return services.access_request_submit(
            actor=person(username),
            council=doc.council,
            requester=person(username),
            document=doc,
            basis="need_to_know",
            purpose="p",
        )

    first = submit("tw-councillor-2", exempt)
    urls = [f"/requests/{first.pk}/", f"/requests/documents/{exempt.pk}/", f"/requests/documents/{exempt.pk}/log/"]
    login("tw-director")
    before = {}
    for url in urls:
        client.get(url)  # warm the per-process caches (content types) first
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        before[url] = len(ctx)
    for username in ("tw-councillor-1", "tw-councillor-3", "tw-councillor-4"):
        submit(username, exempt)
        services.access_log_record(person=person(username), document=exempt, grant=None, action="view", via="page")
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx) == before[url], url


def test_withdraw_then_withdraw_again_gives_a_message(exempt, client, login, person):
    r = services.access_request_submit(
        actor=person("tw-councillor-2"),
        council=exempt.council,
        requester=person("tw-councillor-2"),
        document=exempt,
        basis="need_to_know",
        purpose="p",
    )
    login("tw-councillor-3")
    assert client.post(f"/requests/{r.pk}/withdraw/").status_code == 404
    login("tw-councillor-2")
    assert client.post(f"/requests/{r.pk}/withdraw/").status_code == 302
    r.refresh_from_db()
    assert r.state == "withdrawn"
    page = client.post(f"/requests/{r.pk}/withdraw/", follow=True).content.decode()
    assert "This request is withdrawn: it can no longer be withdrawn." in page
