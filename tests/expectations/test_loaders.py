"""The five protocols load from fixtures/expectations exactly, idempotently, with their full texts."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from django.conf import settings

from expectations.loaders import load_protocols
from expectations.models import Clause, ProtocolDocument, Theme

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "expectations"
COUNCILS = ["leighton-linslade", "kingsthorpe", "peacehaven", "cabinet-district", "tewkesbury"]


def counts_md() -> dict[str, dict[str, int]]:
    """The summary table of COUNTS.md: council -> kind -> count (written from the documents by hand-checking)."""
    lines = (FIXTURES / "COUNTS.md").read_text().splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("| council |"))
    kinds = [c.strip() for c in lines[header_at].strip("|").split("|")][1:]
    table: dict[str, dict[str, int]] = {}
    for line in lines[header_at + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = dict(zip(kinds, map(int, cells[1:]), strict=True))
    return table


def test_clause_counts_by_kind_match_counts_md(catalogue_reference):
    table = counts_md()
    assert set(table) == {*COUNCILS, "all councils"}
    for slug in COUNCILS:
        document = ProtocolDocument.objects.get(council__slug=slug, status="adopted")
        for kind in Clause.Kind.values:
            assert Clause.objects.filter(document=document, kind=kind).count() == table[slug][kind], (slug, kind)
        assert document.clauses.count() == table[slug]["total"]


def test_all_councils_total_and_themes(catalogue_reference):
    assert Clause.objects.count() == counts_md()["all councils"]["total"] == 323
    assert Theme.objects.count() == len(json.loads((FIXTURES / "themes.json").read_text()))


def test_clause_text_numbers_and_themes_are_the_fixtures(catalogue_reference):
    for slug in COUNCILS:
        data = json.loads((FIXTURES / f"{slug}.json").read_text())
        clauses = list(
            Clause.objects.filter(document__council__slug=slug).prefetch_related("themes").order_by("position")
        )
        assert [c.number for c in clauses] == [c["number"] for c in data["clauses"]]
        for clause, spec in zip(clauses, data["clauses"], strict=True):
            assert clause.text == spec["text"]
            assert sorted(t.slug for t in clause.themes.all()) == sorted(spec["themes"])


def test_full_text_comes_from_the_copied_seed_texts(catalogue_reference):
    for document in ProtocolDocument.objects.select_related("council"):
        text = (FIXTURES / "texts" / document.source).read_text()
        assert document.full_text == text
        # Every clause is verbatim in the stored text (after the same markup normalisation as check_clauses.py).
        normal = re.sub(
            r"\s+", " ", re.sub(r"\[([^\]]*)\]\(#\)", r"\1", re.sub(r"~~.*?~~", "", text, flags=re.S)).replace("**", "")
        )
        for clause in document.clauses.all():
            assert re.sub(r"\s+", " ", clause.text) in normal, f"{document.council.slug} {clause.number}"


def test_document_control_from_the_protocols(catalogue_reference):
    ki = ProtocolDocument.objects.get(council__slug="kingsthorpe")
    assert (ki.version, str(ki.adopted_on), str(ki.review_due)) == ("2", "2023-06-21", "2024-06-30")
    ph = ProtocolDocument.objects.get(council__slug="peacehaven")
    assert str(ph.review_due) == "2026-12-31"
    ll = ProtocolDocument.objects.get(council__slug="leighton-linslade")
    assert ll.adopted_on is None and "TBC" in ll.adoption_note
    assert (
        ll.status == "adopted"
        and ll.history.first().history_change_reason
        == "Draft → Adopted: Loaded from fixtures/expectations/leighton-linslade.json"
    )


def test_second_load_changes_nothing(catalogue_reference):
    history_rows = Clause.history.count() + ProtocolDocument.history.count() + Theme.history.count()
    tally = load_protocols(stdout=io.StringIO())
    assert (tally.created, tally.updated) == (0, 0)
    assert Clause.history.count() + ProtocolDocument.history.count() + Theme.history.count() == history_rows
