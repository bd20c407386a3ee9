"""Reads about complaints, chains and the parties to a complaint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from protocol_portal.core.workdays import today
from roles.models import LEVEL_RANK, Council, Office, Person
from roles.selectors import PERSON_NAME_FIELDS, appointments_current

from .models import (
    CODE_STAGES,
    ChainStep,
    Complaint,
    ComplaintSettings,
    ComplaintStage,
    RouteDecision,
    RoutingChain,
    StepNotice,
)
from .permissions import complaints_listed_for, complaints_visible_to
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, State


@dataclass
class Parties:
    council: Council
    chain: RoutingChain
    complainant: Person
    complainant_office: Office | None
    subject: Person
    subject_office: Office


def _seniority(office: Office) -> tuple[int, int]:
    return (LEVEL_RANK.get(office.management_level, 9), office.sort_order)  # type: ignore[call-overload]


def complaint_parties_resolve(
    *, council: Council, complainant: Person, subject: Person, on: date | None = None, outsider: bool = False
) -> Parties:
    """Each party's office in ``council`` and the chain that applies; field-keyed errors otherwise.

    ``outsider``: the complainant is a resident or other outsider, holding no office.
    """
    if complainant.pk == subject.pk:
        raise ValidationError({"subject": "A complaint cannot be about the person making it."})
    offices: dict[int, list[Office]] = {complainant.pk: [], subject.pk: []}
    people = [subject] if outsider else [complainant, subject]
    for appointment in appointments_current(on=on).filter(person__in=people, office__council=council):
        offices[appointment.person_id].append(appointment.office)
    errors = {}
    if not offices[complainant.pk] and not outsider:
        errors["complainant"] = f"{complainant} holds no current office in {council}."
    if not offices[subject.pk]:
        errors["subject"] = (
            f"{subject} holds no current office in {council}: choose a councillor or officer of this council."
        )
    if errors:
        raise ValidationError(errors)

    def pick(person: Person, kind: str) -> Office | None:
        matching = sorted((o for o in offices[person.pk] if o.kind == kind), key=_seniority)
        return matching[0] if matching else None

    c_office: Office | None
    if outsider:
        kind, c_office, s_office = RoutingChain.Kind.PUBLIC, None, sorted(offices[subject.pk], key=_seniority)[0]
    else:
        member_c, officer_s = pick(complainant, Office.Kind.MEMBER), pick(subject, Office.Kind.OFFICER)
        officer_c, member_s = pick(complainant, Office.Kind.OFFICER), pick(subject, Office.Kind.MEMBER)
        if member_c and officer_s:
            kind, c_office, s_office = RoutingChain.Kind.MEMBER_ABOUT_OFFICER, member_c, officer_s
        elif officer_c and member_s:
            kind, c_office, s_office = RoutingChain.Kind.OFFICER_ABOUT_MEMBER, officer_c, member_s
        elif member_c and member_s:
            kind, c_office, s_office = RoutingChain.Kind.MEMBER_ABOUT_MEMBER, member_c, member_s
        else:
            kind = RoutingChain.Kind.OTHER
            c_office = sorted(offices[complainant.pk], key=_seniority)[0]
            s_office = sorted(offices[subject.pk], key=_seniority)[0]
    chain = chain_for(council=council, kind=kind)
    if chain is None:
        raise ValidationError(
            {
                "subject": f"{council} has no active routing chain for {RoutingChain.Kind(kind).label.lower()} and "
                "no fallback chain; its administrators can add one under Complaint routing."
            }
        )
    return Parties(council, chain, complainant, c_office, subject, s_office)


def chain_for(*, council: Council, kind: str) -> RoutingChain | None:
    """The active chain of this kind, else the council's fallback chain."""
    chains = RoutingChain.objects.filter(council=council, active=True).select_related("council")
    return (
        chains.filter(kind=kind, is_fallback=False).order_by("name", "pk").first()
        or chains.filter(is_fallback=True).first()
    )


def complaint_stages_for(*, council: Council) -> list[ComplaintStage]:
    """The council's stages, or the Complaint Handling Code's two (unsaved) if it never set its own."""
    stages = list(ComplaintStage.objects.filter(council=council).order_by("number"))
    return stages or [ComplaintStage(council=council, **spec) for spec in CODE_STAGES]


def complaint_stage(*, council: Council, number: int) -> ComplaintStage | None:
    return next((s for s in complaint_stages_for(council=council) if s.number == number), None)


def complaint_settings_for(*, council: Council) -> ComplaintSettings:
    """The council's settings, or unsaved defaults if it never set any."""
    return ComplaintSettings.objects.filter(council=council).first() or ComplaintSettings(council=council)


def clauses_citable(*, council: Council) -> QuerySet[Any]:
    """The clauses of the council's adopted protocol: what a complaint may cite as not met."""
    from expectations.selectors import clauses_citable as adopted_clauses

    return adopted_clauses(council=council)


# What a complainant can say was "not met": the expectations each side may have and the limits on behaviour.
NOT_MET_KINDS = ("expectation_of_officers", "expectation_of_members", "limitation")


def clauses_offered(*, council: Council) -> QuerySet[Any]:
    """The clauses the logging form offers (any citable clause is accepted through the API)."""
    return clauses_citable(council=council).filter(kind__in=NOT_MET_KINDS)


def complaint_list(*, user: Any) -> QuerySet[Complaint]:
    return complaints_visible_to(user).select_related(
        "council", "handler", "complainant", "subject", "subject_office", "chain"
    )


def complaint_list_rows(*, user: Any) -> QuerySet[Complaint]:
    """The complaint list's rows: only the columns the list shows (no password hashes, no free text).

    The people, councils and offices of a page come by primary key in their own small queries
    (prefetch), so the page query itself touches complaints only: joining the person table before
    the sort made PostgreSQL hash all 20,000 people for every page.
    """
    people = Person.objects.only(*PERSON_NAME_FIELDS)
    return (
        complaints_listed_for(user)
        .only(
            "id",
            "summary",
            "state",
            "respond_by",
            "received_on",
            "overdue_flagged_on",
            "council_id",
            "handler_id",
            "complainant_id",
            "subject_id",
            "subject_office_id",
        )
        .prefetch_related(
            Prefetch("council", Council.objects.only("id", "code", "name")),
            Prefetch("subject_office", Office.objects.only("id", "name")),
            Prefetch("handler", people),
            Prefetch("complainant", people),
            Prefetch("subject", people),
        )
    )


def complaint_detail(*, user: Any, pk: int) -> Complaint | None:
    return (
        complaint_list(user=user)
        .select_related("handler_office", "complainant_office", "logged_by", "current_step", "referred_to")
        .prefetch_related(
            Prefetch("route", RouteDecision.objects.select_related("office", "office__council", "holder")),
            "events__actor",
            "attachments",
            Prefetch("expectations", queryset=_clauses_qs()),
        )
        .filter(pk=pk)
        .first()
    )


def _clauses_qs() -> QuerySet[Any]:
    from expectations.models import Clause

    return Clause.objects.select_related("document__council")


def complaints_overdue(queryset: QuerySet[Complaint] | None = None, *, on: date | None = None) -> QuerySet[Complaint]:
    """Open complaints past the deadline of where they stand: to acknowledge, else to respond.

    A complaint referred to a formal procedure runs to that procedure's timetable, so it is never overdue here.
    """
    on = on or today()
    queryset = Complaint.objects.all() if queryset is None else queryset
    return queryset.filter(
        Q(state__in=ACTIVE_STATES - {State.REFERRED}, respond_by__lt=on)
        | Q(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_by__lt=on)
    )


def council_chains(*, council: Council) -> QuerySet[RoutingChain]:
    return RoutingChain.objects.filter(council=council).prefetch_related(
        Prefetch(
            "steps",
            ChainStep.objects.select_related("office", "office__council", "committee").prefetch_related(
                Prefetch("notices", StepNotice.objects.select_related("office", "office__council", "committee"))
            ),
        )
    )


def complaint_past_handler_ids(*, complaint: Complaint) -> set[int]:
    return set(
        RouteDecision.objects.filter(complaint=complaint, outcome=RouteDecision.Outcome.TAKEN).values_list(
            "holder_id", flat=True
        )
    )
