"""Reads about councils, offices and the people who hold them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from .models import (
    LEVEL_RANK,
    Appointment,
    Council,
    InterestDeclaration,
    Office,
    Person,
    RelationshipDeclaration,
    current_q,
)

# What a list shows of a person (``str(person)``): list pages load only these, never the password hash.
PERSON_NAME_FIELDS = ("id", "username", "display_name", "first_name", "last_name")


def councils_of_person(*, person: Any) -> QuerySet[Council]:
    """The councils a person works in: where they hold an office, administer, or serve as Monitoring Officer.

    List filters offer these, not every council, so a page does not grow with councils the person has
    nothing to do with. A portal administrator administers every council.
    """
    from .permissions import admin_council_ids, monitoring_officer_council_ids

    held = appointments_current().filter(person=person).values("office__council_id")
    others = admin_council_ids(person) | monitoring_officer_council_ids(person)
    return Council.objects.filter(Q(pk__in=held) | Q(pk__in=others))


def people_named(value: str) -> QuerySet[Any]:
    """Ids of people whose name or username contains ``value`` (trigram-indexed on PostgreSQL)."""
    query = Q()
    for field in ("display_name", "first_name", "last_name", "username"):
        query |= Q(**{f"{field}__icontains": value})
    return Person.objects.filter(query).values("pk")


def offices_held_by(*, person: Person, on: date | None = None) -> QuerySet[Office]:
    """The offices ``person`` currently holds (one row per appointment: use ``values`` or ``distinct``)."""
    return Office.objects.filter(current_q(on, via="appointments__"), appointments__person=person)


def people_holding(*, offices: QuerySet[Office], on: date | None = None) -> QuerySet[Person]:
    """The current holders of any of ``offices``."""
    return Person.objects.filter(current_q(on, via="appointments__"), appointments__office__in=offices).distinct()


def appointments_current(*, on: date | None = None) -> QuerySet[Appointment]:
    return Appointment.objects.current(on).select_related("person", "office", "office__council")


def person_current_appointments(*, person: Person, on: date | None = None) -> QuerySet[Appointment]:
    return appointments_current(on=on).filter(person=person)


def council_offices_with_holders(*, council: Council, on: date | None = None) -> QuerySet[Office]:
    """Offices of a council, each with ``current_appointments`` prefetched (fixed query count)."""
    return (
        Office.objects.filter(council=council)
        .select_related("reports_to", "council")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.current(on).select_related("person").order_by("start_date"),
                to_attr="current_appointments",
            )
        )
    )


def monitoring_officer_offices_among(*, council: Council, offices: Iterable[Office]) -> list[Office]:
    """The Monitoring Officer post(s) for ``council``: its own, or else its principal council's (KI 4.2, PH).

    ``offices`` holds at least the offices of the council and of its principal council.
    """
    offices = list(offices)
    own = [o for o in offices if o.council_id == council.pk and o.is_monitoring_officer]
    if own or not council.principal_council_id:
        return own
    return [o for o in offices if o.council_id == council.principal_council_id and o.is_monitoring_officer]


def council_monitoring_officer_offices(*, council: Council) -> list[Office]:
    """The council's own Monitoring Officer post, or else its principal council's."""
    councils = [council.pk, council.principal_council_id] if council.principal_council_id else [council.pk]
    candidates = Office.objects.filter(council_id__in=councils, is_monitoring_officer=True).select_related("council")
    return monitoring_officer_offices_among(council=council, offices=candidates)


def council_monitoring_officers(*, council: Council, on: date | None = None) -> list[Person]:
    offices = council_monitoring_officer_offices(council=council)
    return [a.person for a in appointments_current(on=on).filter(office__in=offices)]


def person_is_member_of(*, person: Person, council: Council, on: date | None = None) -> bool:
    return (
        appointments_current(on=on)
        .filter(person=person, office__council=council, office__kind=Office.Kind.MEMBER)
        .exists()
    )


def person_holds_office_in(*, person: Person, council: Council, on: date | None = None) -> bool:
    return appointments_current(on=on).filter(person=person, office__council=council).exists()


def council_people(*, council: Council, on: date | None = None) -> QuerySet[Person]:
    """People currently holding any office in the council."""
    return people_holding(offices=Office.objects.filter(council=council), on=on)


def relationships_current(*, on: date | None = None) -> QuerySet[RelationshipDeclaration]:
    return RelationshipDeclaration.objects.current(on)


def people_closely_related_to(*, person_ids: list[int], on: date | None = None) -> set[int]:
    """Ids of people with a current declared close relationship to any of ``person_ids``."""
    related: set[int] = set()
    rows = (
        relationships_current(on=on)
        .filter(Q(member_id__in=person_ids) | Q(officer_id__in=person_ids))
        .values_list("member_id", "officer_id")
    )
    ids = set(person_ids)
    for member_id, officer_id in rows:
        if member_id in ids:
            related.add(officer_id)
        if officer_id in ids:
            related.add(member_id)
    return related


def member_interests_current(
    *, member: Person, council: Council, on: date | None = None
) -> QuerySet[InterestDeclaration]:
    return InterestDeclaration.objects.current(on).filter(member=member, council=council)


def office_line_above(*, office: Office, offices: Mapping[int, Office] | None = None) -> list[Office]:
    """The office's managers, nearest first (the office itself excluded).

    ``offices`` (by id) answers the walk from memory; without it each step reads ``reports_to``.
    """
    chain: list[Office] = []
    seen = {office.pk}

    def manager(of: Office) -> Office | None:
        if offices is None:
            return of.reports_to
        return offices.get(of.reports_to_id) if of.reports_to_id else None

    cursor = manager(office)
    while cursor is not None and cursor.pk not in seen:
        chain.append(cursor)
        seen.add(cursor.pk)
        cursor = manager(cursor)
    return chain


def office_nearest_at_or_above_level(*, candidates: Iterable[Office], level: str) -> Office | None:
    """The first of ``candidates`` (nearest first) at ``level`` or more senior, e.g. "the head of service"."""
    wanted = LEVEL_RANK.get(level, 9)  # type: ignore[call-overload]
    return next((o for o in candidates if LEVEL_RANK.get(o.management_level, 9) <= wanted), None)  # type: ignore[call-overload]
