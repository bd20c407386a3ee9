"""Reads for the standards app, including the public registers (no sign-in: nothing private may leak)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from roles.models import Council, InterestDeclaration

from .models import ConductComplaint
from .permissions import conduct_complaints_visible_to
from .workflow import State

WITHHELD = "Details withheld: a sensitive interest (Localism Act 2011 s32)."


def conduct_list(*, user: Any) -> QuerySet[ConductComplaint]:
    return conduct_complaints_visible_to(user).select_related(
        "council", "standards_council", "subject", "complainant", "monitoring_officer", "independent_person"
    )


def decision_notices(*, council: Council) -> QuerySet[ConductComplaint]:
    """Published decisions about the council's members (for a town or parish: decided by the district)."""
    return (
        ConductComplaint.objects.filter(council=council, state=State.DECIDED)
        .select_related("council", "standards_council", "subject", "complainant", "hearing_committee")
        .order_by("-decided_on", "-id")
    )


def decision_notice_row(case: ConductComplaint) -> dict[str, Any]:
    """What a published notice says: the member, the finding, the sanctions; the complainant only if agreed."""
    return {
        "reference": case.reference,
        "member": str(case.subject),
        "council": case.council.slug,
        "decided_by": str(case.hearing_committee or f"{case.standards_council}'s Monitoring Officer"),
        "decided_on": case.decided_on,
        "finding": case.finding,
        "finding_label": case.get_finding_display(),
        "sanctions": list(case.sanctions),
        "sanction_labels": case.sanction_labels(),
        "recommended_to_council": case.for_a_local_council and bool(case.sanctions),
        "reasons": case.decision_reasons,
        "complainant": case.complainant_display if case.complainant_may_be_named else None,
    }


@dataclass(frozen=True)
class RegisterRow:
    id: int
    member: str
    category: str
    category_label: str
    description: str | None
    withheld: bool
    acting_party: str
    registered_on: date
    arose_on: date | None


def _register_row(d: InterestDeclaration) -> RegisterRow:
    return RegisterRow(
        id=d.pk,
        member=str(d.member),
        category=d.category,
        category_label=d.get_category_display(),
        description=None if d.sensitive else d.description,
        withheld=d.sensitive,
        acting_party=d.get_acting_party_display() if d.acting_party else "",
        registered_on=d.start_date,
        arose_on=d.arose_on,
    )


def public_register(*, council: Council, categories: tuple[str, ...], q: str = "") -> list[RegisterRow]:
    """The current public entries; a sensitive entry shows only that it exists, and a search never matches
    its withheld words."""
    queryset = (
        InterestDeclaration.objects.current()
        .filter(council=council, category__in=categories)
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "category", "start_date", "id")
    )
    q = q.strip()
    if q:
        by_name = (
            Q(member__first_name__icontains=q)
            | Q(member__last_name__icontains=q)
            | Q(member__display_name__icontains=q)
        )
        queryset = queryset.filter(by_name | (Q(sensitive=False) & Q(description__icontains=q)))
    return [_register_row(d) for d in queryset]


def public_interests(*, council: Council, q: str = "") -> list[RegisterRow]:
    return public_register(council=council, categories=tuple(InterestDeclaration.PUBLIC_INTERESTS), q=q)


def public_acting_against(*, council: Council, q: str = "") -> list[RegisterRow]:
    return public_register(council=council, categories=(InterestDeclaration.Category.ACTING_AGAINST_COUNCIL,), q=q)


def public_register_history(*, council: Council, categories: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every change to the public entries, newest first. An entry that is, or ever was, sensitive shows no
    words from any of its versions (it may have been published before the MO agreed to withhold it)."""
    history = InterestDeclaration.history.model  # type: ignore[attr-defined]
    ever_sensitive = history.objects.filter(council=council, sensitive=True).values("id")
    rows = (
        history.objects.filter(council=council, category__in=categories)
        .select_related("member", "history_user")
        .order_by("-history_date", "-history_id")
    )
    sensitive_ids = set(ever_sensitive.values_list("id", flat=True)) | set(
        InterestDeclaration.objects.filter(council=council, sensitive=True).values_list("id", flat=True)
    )
    kinds = {"+": "Registered", "~": "Changed", "-": "Removed"}
    return [
        {
            "when": r.history_date,
            "member": str(r.member),
            "category_label": InterestDeclaration.Category(r.category).label,
            "description": None if r.id in sensitive_ids else r.description,
            "withheld": r.id in sensitive_ids,
            "change": kinds.get(r.history_type, r.history_type),
            "ended_on": r.end_date,
            "by": str(r.history_user) if r.history_user else "The portal",
        }
        for r in rows
    ]
