"""Scale data for protocols: each synthetic council adopts its tier's real protocol, clause by clause."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from devdata.generators.roles import TEMPLATES
from devdata.scale import ScaleContext, bulk_with_history
from expectations.models import Clause, ProtocolDocument, Theme

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "expectations"


def generate(ctx: ScaleContext) -> None:
    specs = {slug: json.loads((FIXTURES / f"{slug}.json").read_text()) for slug in set(TEMPLATES.values())}
    themes = {t.slug: t for t in Theme.objects.all()}
    documents = []
    for council in ctx.councils:
        protocol = specs[TEMPLATES[council.tier]]["protocol"]
        documents.append(
            ProtocolDocument(
                council=council,
                title=protocol["title"],
                version="1",
                status=ProtocolDocument.Status.ADOPTED,
                adopted_on=protocol.get("adopted_on"),
                review_due=protocol.get("review_due"),
                adoption_note=protocol.get("adoption_note", ""),
                source="synthetic copy",
            )
        )
    documents = bulk_with_history(ctx, ProtocolDocument, documents, desc="protocols")
    clauses, themed = [], []
    for document, council in zip(documents, ctx.councils, strict=True):
        for position, spec in enumerate(specs[TEMPLATES[council.tier]]["clauses"], start=1):
            clause = Clause(
                document=document,
                number=spec["number"],
                section=spec.get("section", ""),
                kind=spec["kind"],
                text=spec["text"],
                position=position,
            )
            clauses.append(clause)
            themed.append((clause, spec.get("themes", [])))
    bulk_with_history(ctx, Clause, clauses, desc="clauses")
    through = Clause.themes.through
    links = [
        through(clause_id=clause.pk, theme_id=themes[slug].pk)
        for clause, slugs in themed
        for slug in slugs
        if slug in themes
    ]
    through.objects.bulk_create(links, batch_size=2000)
    ctx.created["expectations.Clause_themes"] += len(links)
