"""Load the shared themes and the five councils' protocols from ``fixtures/expectations``.

An upsert through the services: a row is written only when it is new or differs
from the fixture, so a second run writes nothing. Each protocol's full text is
read from ``fixtures/expectations/texts/`` (the product never reads ../shared).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.db import transaction

from protocol_portal.core.loading import Tally, upsert
from roles.models import Council

from .models import Clause, ProtocolDocument, Theme
from .services import protocol_adopt

DIR = Path(settings.BASE_DIR) / "fixtures" / "expectations"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_themes(*, tally: Tally) -> dict[str, Theme]:
    reason = "Loaded from fixtures/expectations/themes.json"
    themes = {}
    for position, spec in enumerate(json.loads((DIR / "themes.json").read_text())):
        values = {"name": spec["name"], "description": spec.get("description", ""), "sort_order": (position + 1) * 10}
        themes[spec["slug"]] = upsert(Theme, {"slug": spec["slug"]}, values, tally=tally, reason=reason)
    return themes


def load_protocol(*, path: Path, themes: dict[str, Theme], tally: Tally) -> ProtocolDocument:
    data = json.loads(path.read_text())
    reason = f"Loaded from fixtures/expectations/{path.name}"
    council = Council.objects.get(slug=data["council"])
    spec = data["protocol"]
    values = {
        "title": spec["title"],
        "adoption_note": spec.get("adoption_note", ""),
        "numbering_note": spec.get("numbering_note", ""),
        "source": spec["source_file"],
        "full_text": (DIR / "texts" / spec["source_file"]).read_text(),
    }
    document = upsert(
        ProtocolDocument, {"council": council, "version": spec["version"]}, values, tally=tally, reason=reason
    )
    existing = {c.number: c for c in Clause.objects.filter(document=document).prefetch_related("themes")}
    for position, item in enumerate(data["clauses"], start=1):
        clause_values = {
            "section": item["section"],
            "kind": item["kind"],
            "text": item["text"],
            "position": position * 10,
        }
        clause = existing.get(item["number"])
        if clause is None:
            clause = upsert(
                Clause, {"document": document, "number": item["number"]}, clause_values, tally=tally, reason=reason
            )
            current: set[str] = set()
        else:
            upsert(Clause, {"pk": clause.pk}, clause_values, tally=tally, reason=reason)
            current = {t.slug for t in clause.themes.all()}
        wanted = set(item["themes"])
        if current != wanted:
            clause._history_user = None  # type: ignore[union-attr]
            clause._change_reason = reason  # type: ignore[union-attr]
            clause.themes.set([themes[slug] for slug in item["themes"]])
    if spec["status"] == ProtocolDocument.Status.ADOPTED and document.status == ProtocolDocument.Status.DRAFT:
        protocol_adopt(
            actor=None,
            document=document,
            adopted_on=_date(spec.get("adopted_on")),
            review_due=_date(spec.get("review_due")),
            last_reviewed=_date(spec.get("last_reviewed")),
            reason=reason,
            notify=False,  # reference data, not a new adoption: nobody is asked to re-read
        )
        tally.updated += 1
    elif document.status == ProtocolDocument.Status.ADOPTED:
        dates = {k: _date(spec.get(k)) for k in ("adopted_on", "review_due", "last_reviewed")}
        upsert(ProtocolDocument, {"pk": document.pk}, dates, tally=tally, reason=reason)
    return document


@transaction.atomic
def load_protocols(*, actor: Any = None, stdout: TextIO | None = None) -> Tally:
    tally = Tally()
    themes = load_themes(tally=tally)
    for slug in json.loads((DIR / "_order.json").read_text()):
        load_protocol(path=DIR / f"{slug}.json", themes=themes, tally=tally)
    if stdout:
        stdout.write(f"Themes and protocols: {tally}\n")
    return tally
