"""Pages: public reading without signing in (in a fixed number of queries), and the clerk's import and adoption."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from expectations.models import Clause, ProtocolDocument
from roles.models import Council

from .factories import adopted_new_version

pytestmark = pytest.mark.django_db
TEXTS = Path(settings.BASE_DIR) / "fixtures" / "expectations" / "texts"


def test_catalogue_grouped_by_who_expects_what_of_whom(catalogue_reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/protocols/leighton-linslade/")
    assert response.status_code == 200
    html = response.content.decode()
    headings = [
        html.index(f'<h2 class="govuk-heading-m" id="{kind}">')
        for kind in ("expectation_of_officers", "expectation_of_members", "principle", "limitation")
    ]
    assert headings == sorted(headings)
    assert "LL 5.4" in html and "Timely response to enquiries and complaints." in html


def test_catalogue_query_count_does_not_grow_with_clauses(catalogue_reference, client, django_assert_num_queries):
    client.get("/protocols/peacehaven/")  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/protocols/peacehaven/")  # 36 clauses
    with CaptureQueriesContext(connection) as large:
        client.get("/protocols/tewkesbury/")  # 90 clauses
    assert len(small.captured_queries) == len(large.captured_queries)


def test_search_within_a_council(catalogue_reference, client):
    html = client.get("/protocols/cabinet-district/", {"q": "timely response"}).content.decode()
    assert "1 clause found" in html and "CD 3.1(d)" in html


def test_cross_council_search(catalogue_reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/protocols/search/", {"q": "bullying"})
    html = response.content.decode()
    assert "Tewkesbury Borough Council" in html and "Cabinet District Council" in html


def test_comparison_matrix_and_one_theme(catalogue_reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        full = client.get("/protocols/compare/")
    assert full.status_code == 200 and "No clause" in full.content.decode()
    with django_assert_max_num_queries(6):
        one = client.get("/protocols/compare/", {"theme": "timely-response"}).content.decode()
    assert one.count('data-council="') == 5
    assert "Timely response to enquiries and complaints." in one and "TW 2.9" in one
    assert client.get("/protocols/compare/", {"theme": "no-such-theme"}).status_code == 404


def test_clause_permalinks_adopted_and_version_specific(catalogue_reference, client):
    current = client.get("/protocols/cabinet-district/clauses/3.1(d)/")
    assert current.status_code == 200 and "Timely response to enquiries and complaints." in current.content.decode()
    assert "/protocols/cabinet-district/versions/1/clauses/3.1(d)/" in current.content.decode()
    assert client.get("/protocols/tewkesbury/versions/1/clauses/2.12.6/").status_code == 200
    assert client.get("/protocols/tewkesbury/clauses/99.9/").status_code == 404
    assert client.get("/protocols/no-council/").status_code == 404


def test_superseded_version_stays_readable_at_its_own_address(catalogue_reference, client):
    adopted_new_version(Council.objects.get(slug="leighton-linslade"))
    old = client.get("/protocols/leighton-linslade/versions/1/").content.decode()
    assert "This version has been superseded by version 2" in old and "LL 5.14" in old
    old_clause = client.get("/protocols/leighton-linslade/versions/1/clauses/5.4/").content.decode()
    assert "from a superseded version" in old_clause
    assert client.get("/protocols/leighton-linslade/clauses/5.4/").status_code == 404  # not in version 2
    current = client.get("/protocols/leighton-linslade/").content.decode()
    assert "/protocols/leighton-linslade/clauses/1.1/" in current and "LL 5.14" not in current
    versions = client.get("/protocols/leighton-linslade/versions/").content.decode()
    assert "Superseded" in versions and "Adopted" in versions


def test_exports_csv_and_json(catalogue_reference, client):
    response = client.get("/protocols/tewkesbury/export.csv")
    assert response["Content-Disposition"] == 'attachment; filename="tewkesbury-protocol-v1.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 90 and rows[0]["number"] == "1.1"
    data = json.loads(client.get("/protocols/kingsthorpe/export.json").content)
    assert (data["version"], data["review_due"], len(data["clauses"])) == ("2", "2024-06-30", 48)
    assert client.get("/protocols/kingsthorpe/export.xml").status_code == 404


def test_print_view_uses_the_print_stylesheet(catalogue_reference, client):
    html = client.get("/protocols/peacehaven/print/").content.decode()
    assert "expectations/print.css" in html and "govuk-header" not in html
    assert "A timely response to enquiries and complaints" in html


def test_import_pages_are_for_the_councils_administrators(catalogue_demo, client, login):
    assert client.get("/protocols/leighton-linslade/import/").status_code == 302
    login("ll-councillor-1")
    assert client.get("/protocols/leighton-linslade/import/").status_code == 403
    login("tw-member-services-officer")
    assert client.post("/protocols/leighton-linslade/import/", {"step": "text"}).status_code == 403


def _management(total: int) -> dict[str, str]:
    return {
        "clauses-TOTAL_FORMS": str(total),
        "clauses-INITIAL_FORMS": "0",
        "clauses-MIN_NUM_FORMS": "0",
        "clauses-MAX_NUM_FORMS": "600",
    }


def test_import_proposes_then_the_clerk_corrects_and_confirms_a_draft(catalogue_demo, client, login):
    login("ll-town-clerk")
    text = (TEXTS / "cabinet-district-council.txt").read_text()
    step2 = client.post(
        "/protocols/leighton-linslade/import/",
        {"step": "text", "title": "Protocol", "version": "2", "text": text},
    )
    html = step2.content.decode()
    assert "61 clauses proposed" in html
    assert 'value="3.1(d)"' in html
    carry = {"title": "Protocol", "version": "2", "full_text": text, "adoption_note": "", "source": "pasted"}
    rows = {
        "clauses-0-number": "1.1",
        "clauses-0-kind": "principle",
        "clauses-0-text": "The relationship is essential.",
        "clauses-1-number": "3.1(d)",
        "clauses-1-kind": "expectation_of_officers",
        "clauses-1-text": "Timely response to enquiries and complaints.",
        "clauses-1-themes": ["timely-response"],
        "clauses-2-number": "Contents",
        "clauses-2-kind": "principle",
        "clauses-2-text": "A heading the clerk removes",
        "clauses-2-DELETE": "on",
    }
    response = client.post(
        "/protocols/leighton-linslade/import/", {"step": "confirm", **carry, **_management(3), **rows}
    )
    assert response.status_code == 302 and response["Location"] == "/protocols/leighton-linslade/versions/2/"
    draft = ProtocolDocument.objects.get(council__slug="leighton-linslade", version="2")
    assert draft.status == "draft" and draft.full_text == text
    assert list(draft.clauses.values_list("number", flat=True)) == ["1.1", "3.1(d)"]
    assert list(Clause.objects.get(document=draft, number="3.1(d)").themes.values_list("slug", flat=True)) == [
        "timely-response"
    ]
    assert "This is a draft" in client.get("/protocols/leighton-linslade/versions/2/").content.decode()


def test_import_duplicate_numbers_refused_with_a_clear_message_and_nothing_written(catalogue_demo, client, login):
    login("ll-town-clerk")
    carry = {"title": "Protocol", "version": "2", "full_text": "x", "adoption_note": "", "source": ""}
    rows = {}
    for i in range(2):
        rows |= {f"clauses-{i}-number": "5.4", f"clauses-{i}-kind": "principle", f"clauses-{i}-text": f"Text {i}"}
    before = ProtocolDocument.objects.count()
    response = client.post(
        "/protocols/leighton-linslade/import/", {"step": "confirm", **carry, **_management(2), **rows}
    )
    assert response.status_code == 200
    assert "Clause number 5.4 is used more than once in this version" in response.content.decode()
    assert ProtocolDocument.objects.count() == before


def test_import_add_row_keeps_what_was_typed(catalogue_demo, client, login):
    login("ll-town-clerk")
    carry = {"title": "Protocol", "version": "2", "full_text": "x", "adoption_note": "", "source": ""}
    rows = {"clauses-0-number": "1.1", "clauses-0-kind": "principle", "clauses-0-text": "Kept text"}
    html = client.post(
        "/protocols/leighton-linslade/import/", {"step": "add-row", **carry, **_management(1), **rows}
    ).content.decode()
    assert "Kept text" in html and 'name="clauses-1-number"' in html


def test_import_from_an_uploaded_text_file(catalogue_demo, client, login):
    login("ki-clerk")
    upload = SimpleUploadedFile("protocol.txt", (TEXTS / "tewkesbury-borough-council.txt").read_bytes())
    html = client.post(
        "/protocols/kingsthorpe/import/", {"step": "text", "title": "P", "version": "3", "upload": upload}
    ).content.decode()
    assert 'value="2.12.6"' in html
    empty = client.post("/protocols/kingsthorpe/import/", {"step": "text", "title": "P", "version": "3"})
    assert "Paste the protocol" in empty.content.decode()


def test_adopt_page_supersedes_and_review_before_adoption_is_refused(catalogue_demo, client, login):
    from .factories import draft_for

    login("ll-town-clerk")
    draft = draft_for(Council.objects.get(slug="leighton-linslade"))
    url = f"/protocols/leighton-linslade/versions/{draft.version}/adopt/"
    bad = client.post(url, {"adopted_on": "2026-11-20", "review_due": "2025-01-01"})
    assert "The review date cannot be before the adoption date." in bad.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    ok = client.post(url, {"adopted_on": "2026-11-20", "review_due": "2029-11-20"})
    assert ok.status_code == 302
    assert ProtocolDocument.objects.get(council__slug="leighton-linslade", version="1").status == "superseded"
    assert client.get(url).status_code == 404  # adopted now


def test_acknowledge_page_and_readers_list(catalogue_demo, client, login):
    login("ll-officer-1")
    assert "have not confirmed reading" in client.get("/protocols/leighton-linslade/").content.decode()
    response = client.post("/protocols/leighton-linslade/acknowledge/", {"confirm": "on"})
    assert response.status_code == 302
    login("ll-town-clerk")
    html = client.get("/protocols/leighton-linslade/readers/").content.decode()
    read_section = html[html.index('id="read"') :]
    assert "ll-officer-1" in read_section
    not_read_section = html[html.index('id="not-read"') : html.index('id="read"')]
    assert "ll-town-clerk" in not_read_section and "ll-officer-1" not in not_read_section


def test_readers_page_query_count_is_fixed(catalogue_demo, client, login, django_assert_max_num_queries):
    login("ll-town-clerk")
    with django_assert_max_num_queries(14):
        assert client.get("/protocols/leighton-linslade/readers/").status_code == 200


def test_document_control_edit(catalogue_demo, client, login):
    login("ki-clerk")
    url = "/protocols/kingsthorpe/versions/2/edit/"
    form = {
        "title": "Member/Officer Protocol",
        "adoption_note": "x",
        "last_reviewed": "2026-11-01",
        "review_due": "2027-11-30",
        "review_reminder_days": "45",
        "numbering_note": "",
        "source": "kingsthorpe-parish-council.txt",
        "reason": "Reviewed by council",
    }
    assert client.post(url, form).status_code == 302
    ki = ProtocolDocument.objects.get(council__slug="kingsthorpe")
    assert (str(ki.review_due), ki.review_reminder_days) == ("2027-11-30", 45)
    assert ki.history.first().history_change_reason == "Reviewed by council"
    bad = client.post(url, {**form, "review_due": "2020-01-01"})
    assert "cannot be before the adoption date" in bad.content.decode()
