"""Reads about councils, offices and the people who hold them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from .models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    InterestDeclaration,
    Office,
    Person,
    RelationshipDeclaration,
    today,
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


def appointments_current(*, on: date | None = None) -> QuerySet[Appointment]:
    return Appointment.objects.current(on).select_related("person", "office", "office__council")


def person_current_appointments(*, person: Person, on: date | None = None) -> QuerySet[Appointment]:
    return appointments_current(on=on).filter(person=person)


def person_offices(*, person: Person, on: date | None = None) -> QuerySet[Office]:
    on = on or today()
    return (
        Office.objects.filter(
            Q(appointments__person=person),
            Q(appointments__start_date__lte=on),
            Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=on),
        )
        .select_related("council")
        .distinct()
    )


def office_current_holders(*, office: Office, on: date | None = None) -> list[Person]:
    return [a.person for a in appointments_current(on=on).filter(office=office).order_by("start_date")]


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


def council_by_office_flag(*, council: Council, flag: str) -> QuerySet[Office]:
    return Office.objects.filter(council=council, **{flag: True})


def council_monitoring_officer_offices(*, council: Council) -> list[Office]:
    """The council's own Monitoring Officer post, or else its principal council's (KI 4.2, PH)."""
    own = list(Office.objects.filter(council=council, is_monitoring_officer=True).select_related("council"))
    if own:
        return own
    if council.principal_council_id:
        return list(
            Office.objects.filter(council_id=council.principal_council_id, is_monitoring_officer=True).select_related(
                "council"
            )
        )
    return []


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
    on = on or today()
    return Person.objects.filter(
        Q(appointments__office__council=council),
        Q(appointments__start_date__lte=on),
        Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=on),
    ).distinct()


def office_line_above(*, office: Office) -> list[Office]:
    """The office's managers, nearest first (the office itself excluded)."""
    chain: list[Office] = []
    cursor = office.reports_to
    seen = {office.pk}
    while cursor is not None and cursor.pk not in seen:
        chain.append(cursor)
        seen.add(cursor.pk)
        cursor = cursor.reports_to
    return chain


def office_nearest_at_level(*, office: Office, level: str, include_self: bool = True) -> Office | None:
    """The nearest office at ``level`` at or above ``office`` in the line (e.g. its head of service)."""
    candidates = ([office] if include_self else []) + office_line_above(office=office)
    return next((o for o in candidates if o.management_level == level), None)


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


def person_group_memberships(*, person: Person, council: Council, on: date | None = None) -> QuerySet[GroupMembership]:
    return GroupMembership.objects.current(on).filter(person=person, group__council=council).select_related("group")


def group_people_with_role(*, group_id: int, role: str, on: date | None = None) -> list[Person]:
    return [
        m.person
        for m in GroupMembership.objects.current(on).filter(group_id=group_id, role=role).select_related("person")
    ]


def committee_people_with_role(
    *, committee: Committee, role: str | None = None, on: date | None = None
) -> list[Person]:
    qs = CommitteeMembership.objects.current(on).filter(committee=committee).select_related("person")
    if role:
        qs = qs.filter(role=role)
    return [m.person for m in qs]


def member_interests_current(
    *, member: Person, council: Council, on: date | None = None
) -> QuerySet[InterestDeclaration]:
    return InterestDeclaration.objects.current(on).filter(member=member, council=council)
