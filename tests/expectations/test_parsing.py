"""The text import proposes the protocols' own clause boundaries (compared with the hand-checked fixtures)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from expectations.parsing import clauses_propose

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "expectations"
# Numbers written in the documents themselves (1.1, 2.12.6, 3.1(d)) and the -pN paragraphs of CD's convention;
# the fixtures' invented labels for unnumbered paragraphs (LL "5-Intro-C") are the clerk's to choose.
OWN_NUMBERING = re.compile(r"^\d+(\.\d+)+(\([a-z]+\))?(-p\d+)?$")


def fixture_and_proposal(slug: str) -> tuple[list[dict], dict[str, str]]:
    data = json.loads((FIXTURES / f"{slug}.json").read_text())
    text = (FIXTURES / "texts" / data["protocol"]["source_file"]).read_text()
    return data["clauses"], {c.number: c.text for c in clauses_propose(text)}


@pytest.mark.parametrize(
    ("slug", "numbered"), [("leighton-linslade", 71), ("cabinet-district", 61), ("tewkesbury", 90), ("kingsthorpe", 43)]
)
def test_numbered_clauses_proposed_with_exact_boundaries(slug, numbered):
    clauses, proposed = fixture_and_proposal(slug)
    own = [c for c in clauses if OWN_NUMBERING.match(c["number"])]
    assert len(own) == numbered
    for clause in own:
        assert proposed.get(clause["number"]) == re.sub(r"\s+", " ", clause["text"]).strip(), clause["number"]


def test_cd_wrapped_pdf_lines_headings_and_lettered_items():
    _, proposed = fixture_and_proposal("cabinet-district")
    assert proposed["1.1"].startswith(
        "The relationship between councillors and officers is an essential ingredient that"
    )
    assert "2.2(d)" in proposed and proposed["2.2(d)"] == "Acting as advocates on behalf of their constituents."
    assert proposed["2.2"] == "Councillors have four main areas of responsibility:"  # "2.2 Councillors" is a heading
    assert "4.2" not in proposed and "4.2(a)" in proposed  # heading-only clause: items only
    assert proposed["3.1(d)"] == "Timely response to enquiries and complaints."


def test_tw_deep_numbers_and_bullets_under_a_clause():
    _, proposed = fixture_and_proposal("tewkesbury")
    assert "2.12.6" in proposed and "2.12.6(e)" in proposed
    assert proposed["2.4(a)"] == "deal with one another without discrimination;"


def test_unnumbered_document_gets_section_numbers_and_lettered_bullets():
    clauses, proposed = fixture_and_proposal("peacehaven")
    assert len(proposed) == len(clauses) == 36
    assert proposed["Expectations-1"] == "Councillors can expect from officers:"
    assert proposed["Expectations-1(d)"] == "A timely response to enquiries and complaints"
    assert proposed["Expectations-2"] == "Officers can expect from councillors:"


def test_markup_is_dropped_and_numbers_stay_unique():
    text = "1. Intro\n\n- 1.1. **Bold** [linked](#) text.\n~~struck~~\n1.1 Again the same number.\n"
    proposal = clauses_propose(text)
    assert [(c.number, c.text) for c in proposal] == [("1.1", "Bold linked text."), ("1.1-2", "Again the same number.")]


def test_empty_text_proposes_nothing():
    assert clauses_propose("   \n\n") == []
