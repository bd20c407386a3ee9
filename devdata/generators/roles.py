"""Scale data for councils, offices, people, appointments, groups and committees.

Each synthetic council copies the office structure of the real council of its tier
(parish: Kingsthorpe, town: Leighton-Linslade, district: Cabinet District,
borough/unitary/county: Tewkesbury), so routing and permissions behave as in the demo.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password

from devdata.scale import ScaleContext, bulk_with_history
from roles.loaders import OFFICE_FLAGS, ROLES_DIR
from roles.models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    Office,
    Person,
    PoliticalGroup,
)

TEMPLATES = {
    Council.Tier.PARISH: "kingsthorpe",
    Council.Tier.TOWN: "leighton-linslade",
    Council.Tier.DISTRICT: "cabinet-district",
    Council.Tier.BOROUGH: "tewkesbury",
    Council.Tier.UNITARY: "tewkesbury",
    Council.Tier.COUNTY: "tewkesbury",
}
HOLDERS = {Council.Tier.PARISH: 7, Council.Tier.TOWN: 12}
PRINCIPAL_HOLDERS = 30
START = date(2023, 5, 8)


def _template(slug: str) -> list[dict[str, Any]]:
    return json.loads((ROLES_DIR / f"{slug}.json").read_text())["offices"]


def _depth(spec: dict[str, Any], by_slug: dict[str, dict[str, Any]]) -> int:
    depth, cursor = 0, spec
    while cursor["reports_to"]:
        depth, cursor = depth + 1, by_slug[cursor["reports_to"]]
    return depth


def generate(ctx: ScaleContext) -> None:
    n = ctx.size.councils
    principal_count = max(2, n // 25)
    principal_tiers = [Council.Tier.DISTRICT, Council.Tier.BOROUGH, Council.Tier.UNITARY, Council.Tier.COUNTY]
    principals = bulk_with_history(
        ctx,
        Council,
        [
            Council(name=f"Scale {tier.label} {i}", slug=f"scale-{i}", code=f"s{i}", tier=tier)
            for i, tier in ((i, principal_tiers[i % 4]) for i in range(principal_count))
        ],
        desc="principal councils",
    )
    locals_ = bulk_with_history(
        ctx,
        Council,
        [
            Council(
                name=f"Scale {'Town' if i % 3 == 0 else 'Parish'} Council {i}",
                slug=f"scale-{i}",
                code=f"s{i}",
                tier=Council.Tier.TOWN if i % 3 == 0 else Council.Tier.PARISH,
                principal_council=principals[i % principal_count],
            )
            for i in range(principal_count, n)
        ],
        desc="town and parish councils",
    )
    councils = principals + locals_
    ctx.councils = councils

    # Offices, level by level so each office's manager already exists.
    templates = {tier: _template(slug) for tier, slug in TEMPLATES.items()}
    by_level: dict[int, list[tuple[Council, dict[str, Any]]]] = {}
    for council in councils:
        specs = templates[council.tier]
        by_slug = {s["slug"]: s for s in specs}
        for spec in specs:
            by_level.setdefault(_depth(spec, by_slug), []).append((council, spec))
    ctx.offices_by_council = {c.pk: {} for c in councils}
    for level in sorted(by_level):
        batch = []
        for council, spec in by_level[level]:
            manager = ctx.offices_by_council[council.pk].get(spec["reports_to"]) if spec["reports_to"] else None
            batch.append(
                Office(
                    council=council,
                    name=spec["name"],
                    slug=spec["slug"],
                    kind=spec["kind"],
                    reports_to=manager,
                    multiple_holders=spec["multiple_holders"],
                    management_level=spec["management_level"],
                    **{field: flag in spec["flags"] for flag, field in OFFICE_FLAGS.items()},
                )
            )
        for office in bulk_with_history(ctx, Office, batch, desc=f"offices (level {level})"):
            ctx.offices_by_council[office.council_id][office.slug] = office

    # People: one per single-holder office, several per councillor office; one shared demo password.
    password = make_password(settings.DEMO_PASSWORD)
    people: list[Person] = []
    seats: list[tuple[Person, Office]] = []
    for council in councils:
        for office in ctx.offices_by_council[council.pk].values():
            count = 1
            if office.multiple_holders:
                count = HOLDERS.get(council.tier, PRINCIPAL_HOLDERS) if office.kind == Office.Kind.MEMBER else 3
            for k in range(1, count + 1):
                username = f"{council.code}-{office.slug}" + (f"-{k}" if office.multiple_holders else "")
                person = Person(
                    username=username,
                    first_name=ctx.rng.choice(["Ada", "Basil", "Cleo", "Dev", "Esme", "Finn"]),
                    last_name=f"Scale{len(people)}",
                    email=f"{username}@scale.invalid",
                    password=password,
                )
                people.append(person)
                seats.append((person, office))
    bulk_with_history(ctx, Person, people, desc="people")
    appointments = [
        Appointment(
            person=person,
            office=office,
            start_date=START,
            basis=Appointment.Basis.ELECTED if office.kind == Office.Kind.MEMBER else Appointment.Basis.EMPLOYED,
        )
        for person, office in seats
    ]
    bulk_with_history(ctx, Appointment, appointments, desc="appointments")
    for person, office in seats:
        ctx.holders_by_office.setdefault(office.pk, []).append(person)
        target = ctx.members_by_council if office.kind == Office.Kind.MEMBER else ctx.officers_by_council
        target.setdefault(office.council_id, []).append(person)

    # Political groups (principal councils) and the full council of every council.
    groups, memberships = [], []
    for council in principals:
        for g in range(2):
            groups.append(PoliticalGroup(council=council, name=f"Group {g + 1}", slug=f"group-{g + 1}"))
    groups = bulk_with_history(ctx, PoliticalGroup, groups, desc="political groups")
    for group in groups:
        members = ctx.members_by_council.get(group.council_id, [])[group.slug == "group-2" :: 2]
        for position, person in enumerate(members):
            role = ["leader", "deputy_leader"][position] if position < 2 else "member"
            memberships.append(GroupMembership(group=group, person=person, role=role, start_date=START))
    bulk_with_history(ctx, GroupMembership, memberships, desc="group memberships")
    committees = bulk_with_history(
        ctx,
        Committee,
        [
            Committee(council=c, name="Full Council", slug="full-council", kind=Committee.Kind.FULL_COUNCIL)
            for c in councils
        ],
        desc="committees",
    )
    bulk_with_history(
        ctx,
        CommitteeMembership,
        [
            CommitteeMembership(committee=committee, person=person, start_date=START)
            for committee in committees
            for person in ctx.members_by_council.get(committee.council_id, [])
        ],
        desc="committee memberships",
    )
