"""Reads of the expectations app: catalogues, search, the comparison matrix and citable clauses.

Every function here runs a fixed number of queries whatever the number of
councils, clauses or themes (prefetches and one through-table read, grouped in Python).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from protocol_portal.core.workdays import today
from roles.models import Appointment, Council

from .models import Acknowledgement, Clause, ProtocolDocument, Theme
from .permissions import documents_visible_to

Kind = Clause.Kind
# "Who expects what of whom" first: the two lists of expectations, then the rules around them.
KIND_ORDER = [
    Kind.EXPECTATION_OF_OFFICERS,
    Kind.EXPECTATION_OF_MEMBERS,
    Kind.PRINCIPLE,
    Kind.LIMITATION,
    Kind.ROLE_DESCRIPTION,
    Kind.PROCEDURE,
    Kind.ACCESS_RULE,
]


# Section headings of a catalogue: the two lists of expectations say who expects what of whom.
KIND_HEADINGS = {
    Kind.EXPECTATION_OF_OFFICERS: "What members can expect of officers",
    Kind.EXPECTATION_OF_MEMBERS: "What officers can expect of members",
    Kind.PRINCIPLE: "Principles",
    Kind.LIMITATION: "Limitations on behaviour",
    Kind.ROLE_DESCRIPTION: "Roles of members and officers",
    Kind.PROCEDURE: "Procedures",
    Kind.ACCESS_RULE: "Access to information",
}


def _clauses(qs: QuerySet[Clause]) -> QuerySet[Clause]:
    return qs.select_related("document__council").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name"))
    )


def council_adopted_document(*, council: Council) -> ProtocolDocument | None:
    return ProtocolDocument.objects.filter(council=council, status=ProtocolDocument.Status.ADOPTED).first()


def council_versions(*, council: Council, user: Any) -> QuerySet[ProtocolDocument]:
    """Every version of the council's protocol the user may read, newest first."""
    return (
        documents_visible_to(user)
        .filter(council=council)
        .select_related("supersedes", "council")
        .order_by("-created_at", "-pk")
    )


def document_clauses(
    *, document: ProtocolDocument, query: str = "", kind: str = "", theme: str = ""
) -> QuerySet[Clause]:
    clauses = Clause.objects.filter(document=document)
    return _clauses(_filter(clauses, query=query, kind=kind, theme=theme)).order_by("position", "id")


def clean_param(value: str, limit: int = 200) -> str:
    """A query-string value safe for every database (PostgreSQL refuses NUL characters)."""
    return value.replace("\x00", "").strip()[:limit]


def _filter(clauses: QuerySet[Clause], *, query: str, kind: str, theme: str) -> QuerySet[Clause]:
    query, theme = clean_param(query), clean_param(theme, 80)
    for word in query.split()[:12]:  # every word must appear (number, section or text)
        clauses = clauses.filter(Q(text__icontains=word) | Q(number__iexact=word) | Q(section__icontains=word))
    if kind:
        clauses = clauses.filter(kind=kind)
    if theme:
        clauses = clauses.filter(themes__slug=theme)
    return clauses.distinct() if theme else clauses


@dataclass
class KindGroup:
    kind: str
    label: str
    clauses: list[Clause]


def clauses_grouped(clauses: list[Clause]) -> list[KindGroup]:
    """The catalogue's sections: who expects what of whom first, document order within each."""
    by_kind: dict[str, list[Clause]] = defaultdict(list)
    for clause in clauses:
        by_kind[clause.kind].append(clause)
    return [KindGroup(kind, KIND_HEADINGS[kind], by_kind[kind]) for kind in KIND_ORDER if by_kind.get(kind)]


def clauses_search(
    *, query: str = "", council: Council | None = None, kind: str = "", theme: str = ""
) -> QuerySet[Clause]:
    """Search the adopted protocols, across councils or within one."""
    clauses = Clause.objects.filter(document__status=ProtocolDocument.Status.ADOPTED)
    if council is not None:
        clauses = clauses.filter(document__council=council)
    return _clauses(_filter(clauses, query=query, kind=kind, theme=theme)).order_by(
        "document__council__name", "position", "id"
    )


def clauses_citable(*, council: Council) -> QuerySet[Clause]:
    """The clauses of the council's adopted protocol: what a complaint or an access decision may cite."""
    return _clauses(
        Clause.objects.filter(document__council=council, document__status=ProtocolDocument.Status.ADOPTED)
    ).order_by("position", "id")


@dataclass
class MatrixRow:
    theme: Theme
    cells: list[tuple[Council, list[Clause]]]


@dataclass
class Matrix:
    councils: list[Council]
    rows: list[MatrixRow]
    total_councils: int = 0


def comparison_matrix(
    *, theme_slugs: list[str] | None = None, council_slugs: list[str] | None = None, limit: int = 12
) -> Matrix:
    """Themes x councils: each council's adopted clauses on each theme (an empty list is "no clause").

    At most ``limit`` councils are compared at once, so the page costs the same with ten thousand councils."""
    theme_slugs = [clean_param(s, 80) for s in theme_slugs or []]
    council_slugs = [clean_param(s, 80) for s in council_slugs or []]
    themes = Theme.objects.order_by("sort_order", "name")
    if theme_slugs:
        themes = themes.filter(slug__in=theme_slugs)
    councils_qs = Council.objects.filter(protocols__status=ProtocolDocument.Status.ADOPTED).order_by("name")
    if council_slugs:
        councils_qs = councils_qs.filter(slug__in=council_slugs)
    total = councils_qs.count()
    councils = list(councils_qs[:limit])
    theme_list = list(themes)
    links = (
        Clause.themes.through.objects.filter(
            theme__in=[t.pk for t in theme_list],
            clause__document__status=ProtocolDocument.Status.ADOPTED,
            clause__document__council__in=[c.pk for c in councils],
        )
        .select_related("clause__document__council")
        .order_by("clause__position", "clause__id")
    )
    cells: dict[tuple[int, int], list[Clause]] = defaultdict(list)
    for link in links:
        clause = link.clause
        cells[(link.theme_id, clause.document.council_id)].append(clause)
    rows = [MatrixRow(theme, [(c, cells.get((theme.pk, c.pk), [])) for c in councils]) for theme in theme_list]
    return Matrix(councils=councils, rows=rows, total_councils=total)


def councils_with_protocols() -> list[tuple[Council, ProtocolDocument | None, int]]:
    """Every council with its adopted version (if any) and how many clauses it has."""
    from django.db.models import Count

    adopted = {
        d.council_id: d
        for d in ProtocolDocument.objects.filter(status=ProtocolDocument.Status.ADOPTED).annotate(
            clause_count=Count("clauses")
        )
    }
    return [
        (council, adopted.get(council.pk), getattr(adopted.get(council.pk), "clause_count", 0))
        for council in Council.objects.order_by("name")
    ]


@dataclass
class ReaderStatus:
    person: Any
    offices: list[str]
    acknowledgement: Acknowledgement | None


def acknowledgement_status(*, document: ProtocolDocument) -> list[ReaderStatus]:
    """Each current office holder of the council and whether they have confirmed reading this version."""
    holders: dict[int, ReaderStatus] = {}
    acks = {a.person_id: a for a in Acknowledgement.objects.filter(document=document)}
    for appointment in (
        Appointment.objects.current(today())
        .filter(office__council_id=document.council_id)
        .select_related("person", "office")
        .order_by("person__last_name", "person__first_name", "person__username", "office__sort_order")
    ):
        status = holders.get(appointment.person_id)
        if status is None:
            status = holders[appointment.person_id] = ReaderStatus(
                appointment.person, [], acks.get(appointment.person_id)
            )
        status.offices.append(appointment.office.name)
    return list(holders.values())


def person_unread_protocols(*, person: Any) -> list[ProtocolDocument]:
    """Adopted protocols of the councils the person holds office in that they have not confirmed reading."""
    if not getattr(person, "is_authenticated", False):
        return []
    on = today()
    council_ids = Appointment.objects.current(on).filter(person=person).values("office__council_id")
    return list(
        ProtocolDocument.objects.filter(council_id__in=council_ids, status=ProtocolDocument.Status.ADOPTED)
        .exclude(acknowledgements__person=person)
        .select_related("council")
        .order_by("council__name")
    )
