"""Protocol versions: a draft from checked clauses, document control, and adoption that supersedes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save
from roles.models import Council

from ..models import TRANSITIONS, Clause, ProtocolDocument, Theme

Status = ProtocolDocument.Status
CONTROL_FIELDS = (
    "title",
    "adoption_note",
    "last_reviewed",
    "review_due",
    "review_reminder_days",
    "numbering_note",
    "source",
)


@dataclass
class ClauseInput:
    number: str
    kind: str
    text: str
    section: str = ""
    themes: list[Theme] = field(default_factory=list)


def _clauses_validate(clauses: list[ClauseInput]) -> None:
    if not clauses:
        raise ValidationError({"clauses": "A protocol needs at least one clause."})
    errors = []
    repeated = sorted(number for number, count in Counter(c.number.strip() for c in clauses).items() if count > 1)
    for number in repeated:
        errors.append(
            f"Clause number {number} is used more than once in this version: each clause needs its own number."
        )
    kinds = set(Clause.Kind.values)
    for position, clause in enumerate(clauses, start=1):
        if not clause.number.strip():
            errors.append(f"Clause {position} has no number.")
        if not clause.text.strip():
            errors.append(f"Clause {clause.number or position} has no text.")
        if clause.kind not in kinds:
            errors.append(f"Clause {clause.number or position} has an unknown kind {clause.kind!r}.")
    if errors:
        raise ValidationError({"clauses": errors})


def _clauses_write(*, actor: Any, document: ProtocolDocument, clauses: list[ClauseInput], reason: str) -> None:
    for position, item in enumerate(clauses, start=1):
        clause = Clause(
            document=document,
            number=item.number.strip(),
            section=item.section.strip(),
            kind=item.kind,
            text=item.text.strip(),
            position=position * 10,
        )
        audited_save(clause, actor=actor, reason=reason)
        if item.themes:
            clause.themes.set(item.themes)


def protocol_draft_create(
    *,
    actor: Any,
    council: Council,
    title: str,
    version: str,
    clauses: list[ClauseInput],
    full_text: str = "",
    adoption_note: str = "",
    numbering_note: str = "",
    source: str = "",
    review_reminder_days: int | None = None,
    reason: str = "",
) -> ProtocolDocument:
    """A new draft version of the council's protocol with the checked clauses; nothing is adopted yet."""
    _clauses_validate(clauses)
    version = version.strip()
    if ProtocolDocument.objects.filter(council=council, version=version).exists():
        raise ValidationError(
            {"version": f"{council.name} already has a version {version}: give this one a new number."}
        )
    previous = ProtocolDocument.objects.filter(council=council, status=Status.ADOPTED).first()
    if review_reminder_days is None:  # the council's reminder window carries over to its next version
        review_reminder_days = previous.review_reminder_days if previous else 60
    with transaction.atomic():
        document = ProtocolDocument(
            council=council,
            title=title.strip(),
            version=version,
            status=Status.DRAFT,
            adoption_note=adoption_note,
            numbering_note=numbering_note,
            source=source,
            full_text=full_text,
            review_reminder_days=review_reminder_days,
        )
        audited_save(document, actor=actor, reason=reason or f"Draft version {version} created from its text")
        _clauses_write(actor=actor, document=document, clauses=clauses, reason=reason or "Clause of a new draft")
    return document


def protocol_draft_clauses_replace(
    *, actor: Any, document: ProtocolDocument, clauses: list[ClauseInput], reason: str = ""
) -> ProtocolDocument:
    """Correct a draft's clauses; adopted text is never rewritten (a new version is drafted instead)."""
    _clauses_validate(clauses)
    with transaction.atomic():
        locked = ProtocolDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)
        if locked.status != Status.DRAFT:
            raise ValidationError("Only a draft's clauses can be changed: draft a new version to change adopted text.")
        old = list(Clause.objects.filter(document=locked))
        for clause in old:
            clause._history_user = actor  # type: ignore[attr-defined]
            clause._change_reason = reason or "Clause replaced while correcting the draft"  # type: ignore[attr-defined]
            clause.themes.clear()
            clause.delete()
        _clauses_write(actor=actor, document=locked, clauses=clauses, reason=reason or "Draft clauses corrected")
    return locked


def protocol_control_update(
    *, actor: Any, document: ProtocolDocument, reason: str = "", **values: Any
) -> ProtocolDocument:
    """Document control (title, review dates, reminder window); the status moves only by transition."""
    unknown = set(values) - set(CONTROL_FIELDS)
    if unknown:
        raise ValueError(f"Not document-control fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = ProtocolDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        _dates_validate(locked)
        audited_save(locked, actor=actor, reason=reason or "Document control updated")
    return locked


def _dates_validate(document: ProtocolDocument) -> None:
    if document.adopted_on and document.review_due and document.review_due < document.adopted_on:
        raise ValidationError({"review_due": "The review date cannot be before the adoption date."})


def protocol_transition(*, actor: Any, document: ProtocolDocument, to: str, reason: str) -> ProtocolDocument:
    """The one place a version's status changes. Call inside a transaction holding the row lock."""
    if to not in TRANSITIONS[document.status]:
        raise ValidationError(
            f"A {Status(document.status).label.lower()} version cannot become {Status(to).label.lower()}."
        )
    document.status = to
    audited_save(document, actor=actor, reason=reason)
    return document


def protocol_adopt(
    *,
    actor: Any,
    document: ProtocolDocument,
    adopted_on: date | None,
    review_due: date | None = None,
    last_reviewed: date | None = None,
    adoption_note: str | None = None,
    reason: str = "",
    notify: bool = True,
) -> ProtocolDocument:
    """Make a draft the adopted version; the version adopted until now is superseded and stays readable."""
    from .acknowledgements import acknowledgements_request

    with transaction.atomic():
        # Lock every version of the council so two adoptions cannot race past the one-adopted constraint.
        versions = list(
            ProtocolDocument.objects.select_for_update(of=("self",), no_key=True)
            .filter(council_id=document.council_id)
            .order_by("pk")
        )
        draft = next(v for v in versions if v.pk == document.pk)
        if draft.status != Status.DRAFT:
            raise ValidationError(f"Version {draft.version} is {draft.get_status_display().lower()}, not a draft.")
        draft.adopted_on, draft.review_due = adopted_on, review_due
        draft.last_reviewed = last_reviewed
        if adoption_note is not None:
            draft.adoption_note = adoption_note
        _dates_validate(draft)
        current = next((v for v in versions if v.status == Status.ADOPTED), None)
        why = reason or f"Version {draft.version} adopted"
        if current is not None:
            protocol_transition(
                actor=actor, document=current, to=Status.SUPERSEDED, reason=f"Superseded by version {draft.version}"
            )
            draft.supersedes = current
        protocol_transition(actor=actor, document=draft, to=Status.ADOPTED, reason=why)
        if notify:
            acknowledgements_request(document=draft)
    return draft


def clause_inputs_from(rows: Iterable[dict[str, Any]]) -> list[ClauseInput]:
    """Clause inputs from form or API rows (number, kind, text, section, themes)."""
    return [
        ClauseInput(
            number=row.get("number", "") or "",
            kind=row.get("kind", "") or "",
            text=row.get("text", "") or "",
            section=row.get("section", "") or "",
            themes=list(row.get("themes") or []),
        )
        for row in rows
    ]
