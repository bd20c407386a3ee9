"""The public clauses endpoint of CONTRACT.md, themes and versions; the schema stays valid."""

from __future__ import annotations

import pytest

from expectations.models import Clause
from roles.models import Council

from .factories import adopted_new_version, draft_for

pytestmark = pytest.mark.django_db


def test_clauses_of_the_adopted_version(catalogue_reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/api/councils/cabinet-district/clauses/")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 61
    item = next(c for c in data if c["number"] == "3.1(d)")
    assert set(item) == {"id", "number", "kind", "text", "themes", "section"}
    assert item["kind"] == "expectation_of_officers" and "timely-response" in item["themes"]
    assert item["id"] == Clause.objects.get(document__council__slug="cabinet-district", number="3.1(d)").pk


def test_query_count_does_not_grow(catalogue_reference, client, django_assert_max_num_queries):
    for slug in ("peacehaven", "tewkesbury"):
        with django_assert_max_num_queries(4):
            client.get(f"/api/councils/{slug}/clauses/")


def test_filters_and_new_version(catalogue_reference, client):
    assert [c["number"] for c in client.get("/api/councils/cabinet-district/clauses/?q=timely").json()] == ["3.1(d)"]
    kinds = {c["kind"] for c in client.get("/api/councils/tewkesbury/clauses/?kind=limitation").json()}
    assert kinds == {"limitation"}
    adopted_new_version(Council.objects.get(slug="peacehaven"))
    assert [c["number"] for c in client.get("/api/councils/peacehaven/clauses/").json()] == ["1.1"]
    assert client.get("/api/councils/nowhere/clauses/").status_code == 404


def test_versions_show_drafts_only_to_administrators(catalogue_demo, client, login):
    draft_for(Council.objects.get(slug="leighton-linslade"))
    public = client.get("/api/councils/leighton-linslade/protocols/").json()
    assert [v["status"] for v in public] == ["adopted"]
    login("ll-town-clerk")
    assert [v["status"] for v in client.get("/api/councils/leighton-linslade/protocols/").json()] == [
        "draft",
        "adopted",
    ]


def test_themes_and_schema(catalogue_reference, client):
    themes = client.get("/api/themes/").json()
    assert themes[0]["slug"] == "timely-response"
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/councils/{slug}/clauses/", "/api/themes/", "/api/councils/{slug}/protocols/"} <= set(paths)


def test_nul_characters_in_filters_are_harmless(catalogue_reference, client):
    assert client.get("/api/councils/tewkesbury/clauses/", {"q": "tim\x00ely", "theme": "\x00"}).status_code == 200
    assert client.get("/protocols/search/", {"q": "\x00", "council": "\x00x"}).status_code == 200
    assert client.get("/protocols/compare/", {"theme": "timely-response\x00"}).status_code == 200
