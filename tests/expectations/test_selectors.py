"""Selectors other apps rely on: citable clauses of the adopted version only; the comparison matrix; search."""

from __future__ import annotations

import pytest

from expectations.models import Clause
from expectations.selectors import clauses_citable, clauses_search, comparison_matrix
from roles.models import Council

from .factories import adopted_new_version

pytestmark = pytest.mark.django_db


def test_citable_clauses_are_the_adopted_versions(catalogue_reference):
    ll = Council.objects.get(slug="leighton-linslade")
    old_clause = Clause.objects.get(document__council=ll, number="5.4")
    assert clauses_citable(council=ll).get(pk=old_clause.pk) == old_clause
    adopted_new_version(ll)
    assert list(clauses_citable(council=ll).values_list("number", flat=True)) == ["1.1"]
    assert not clauses_citable(council=ll).filter(pk=old_clause.pk).exists()  # superseded now


def test_another_councils_clause_is_not_citable(catalogue_reference):
    tw_clause = Clause.objects.get(document__council__slug="tewkesbury", number="2.25")
    assert not clauses_citable(council=Council.objects.get(slug="leighton-linslade")).filter(pk=tw_clause.pk).exists()


def test_matrix_timely_response_has_every_council_and_no_clause_where_none(catalogue_reference):
    matrix = comparison_matrix(theme_slugs=["timely-response"])
    assert [c.slug for c in matrix.councils] == [
        "cabinet-district",
        "kingsthorpe",
        "leighton-linslade",
        "peacehaven",
        "tewkesbury",
    ]
    cells = {council.slug: [c.number for c in clauses] for council, clauses in matrix.rows[0].cells}
    assert "5.4" in cells["leighton-linslade"] and "3.1(d)" in cells["cabinet-district"]
    assert all(cells.values())  # every protocol promises a timely response
    full = comparison_matrix()
    empty = [(row.theme.slug, c.slug) for row in full.rows for c, clauses in row.cells if not clauses]
    assert empty  # some councils say nothing on some themes: shown as "no clause"


def test_search_every_word_within_or_across_councils(catalogue_reference):
    across = clauses_search(query="timely response")
    assert {c.document.council.slug for c in across} == {
        "leighton-linslade",
        "kingsthorpe",
        "peacehaven",
        "cabinet-district",
        "tewkesbury",
    }
    within = clauses_search(query="timely response", council=Council.objects.get(slug="cabinet-district"))
    assert [c.number for c in within] == ["3.1(d)"]
    assert not clauses_search(query="timely zebra").exists()
    assert all(c.kind == "limitation" for c in clauses_search(kind="limitation"))
