"""Load the councils of ``fixtures/roles`` and the demo people of ``fixtures/demo``.

Loading is an upsert through the services: a record is written only when it is
new or differs from the fixture, so a second run writes nothing and every
write that does happen leaves a history row saying why.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from protocol_portal.core.audit import apply_changes, audited_save

from . import services
from .models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    InterestDeclaration,
    Office,
    Person,
    PoliticalGroup,
    RelationshipDeclaration,
    Ward,
    WardMembership,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
ROLES_DIR = FIXTURES / "roles"
DEMO_DIR = FIXTURES / "demo"
OFFICE_FLAGS = {
    "head_of_paid_service": "is_head_of_paid_service",
    "monitoring_officer": "is_monitoring_officer",
    "chief_finance_officer": "is_chief_finance_officer",
    "proper_officer": "is_proper_officer",
    "rfo": "is_rfo",
    "administrator": "is_administrator",
    "chair_of_council": "is_chair_of_council",
    "independent_person": "is_independent_person",
}


class Tally:
    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def upsert(model: type[models.Model], lookup: dict, values: dict, *, tally: Tally, reason: str) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        audited_save(obj, actor=None, reason=reason)
        tally.created += 1
    elif apply_changes(obj, values):
        audited_save(obj, actor=None, reason=reason)
        tally.updated += 1
    return obj


def council_files() -> list[Path]:
    order = json.loads((ROLES_DIR / "_order.json").read_text())
    return [ROLES_DIR / f"{slug}.json" for slug in order]


@transaction.atomic
def load_councils(*, actor: Any = None, stdout: TextIO | None = None) -> Tally:
    tally = Tally()
    for path in council_files():
        data = json.loads(path.read_text())
        reason = f"Loaded from fixtures/roles/{path.name}"
        spec = dict(data["council"])
        principal_slug = spec.pop("principal_council")
        spec["principal_council"] = Council.objects.get(slug=principal_slug) if principal_slug else None
        council = upsert(Council, {"slug": spec.pop("slug")}, spec, tally=tally, reason=reason)
        for position, office_spec in enumerate(data["offices"]):
            values = {
                "name": office_spec["name"],
                "kind": office_spec["kind"],
                "description": office_spec.get("description", ""),
                "multiple_holders": office_spec["multiple_holders"],
                "management_level": office_spec["management_level"],
                "sort_order": (position + 1) * 10,
                **{field: flag in office_spec["flags"] for flag, field in OFFICE_FLAGS.items()},
            }
            upsert(Office, {"council": council, "slug": office_spec["slug"]}, values, tally=tally, reason=reason)
        for office_spec in data["offices"]:  # second pass: reporting lines need every office to exist
            manager = (
                Office.objects.get(council=council, slug=office_spec["reports_to"])
                if office_spec["reports_to"]
                else None
            )
            upsert(
                Office,
                {"council": council, "slug": office_spec["slug"]},
                {"reports_to": manager},
                tally=tally,
                reason=reason,
            )
        for spec_list, model in (
            (data["committees"], Committee),
            (data["groups"], PoliticalGroup),
            (data["wards"], Ward),
        ):
            for item in spec_list:
                item = dict(item)
                upsert(model, {"council": council, "slug": item.pop("slug")}, item, tally=tally, reason=reason)
    if stdout:
        stdout.write(f"Councils and offices: {tally}\n")
    return tally


# Clearly fictional names for demo people, chosen deterministically from the username.
_FIRST = [
    "Ada",
    "Basil",
    "Clementine",
    "Dorian",
    "Edwina",
    "Fergus",
    "Gwendolyn",
    "Horace",
    "Imogen",
    "Jasper",
    "Kerensa",
    "Lysander",
    "Marigold",
    "Ned",
    "Octavia",
    "Percival",
    "Rosalind",
    "Seymour",
    "Tabitha",
    "Ulric",
    "Verity",
    "Wilfred",
    "Xanthe",
    "Yorick",
    "Zinnia",
]
_LAST = [
    "Quillfeather",
    "Marchbank",
    "Thistlewood",
    "Pennyworth",
    "Larkspur",
    "Fenwick-Demo",
    "Oddbody",
    "Cloudberry",
    "Wimbleton",
    "Hollyhock",
    "Sparrowgrass",
    "Tumbledown",
    "Inkwell",
    "Merriweather",
    "Puddlecombe",
    "Gallowglass",
]


def demo_name(username: str) -> tuple[str, str]:
    digest = hashlib.sha256(username.encode()).digest()
    return _FIRST[digest[0] % len(_FIRST)], _LAST[digest[1] % len(_LAST)]


def demo_usernames(council: Council, office_spec: dict) -> list[str]:
    base = f"{council.code}-{office_spec['slug']}"
    count = office_spec["demo_holders"]
    if not office_spec["multiple_holders"]:
        return [base]
    return [f"{base}-{n}" for n in range(1, count + 1)]


def _demo_person(username: str, *, tally: Tally, password_hash: str) -> Person:
    person = Person.objects.filter(username=username).first()
    if person is None:
        first, last = demo_name(username)
        person = services.person_create(
            actor=None,
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.invalid",
            display_name=f"{first} {last} (demo)",
            password_hash=password_hash,
            reason="Demo person loaded by load_demo",
        )
        tally.created += 1
    return person


DEMO_START: dict[str, date] = {"member": date(2023, 5, 8), "officer": date(2021, 4, 1)}


@transaction.atomic
def load_demo_people(*, actor: Any = None, stdout: TextIO | None = None) -> Tally:
    tally = Tally()
    password_hash = make_password(settings.DEMO_PASSWORD)
    for path in council_files():
        data = json.loads(path.read_text())
        council = Council.objects.get(slug=data["council"]["slug"])
        for office_spec in data["offices"]:
            office = Office.objects.get(council=council, slug=office_spec["slug"])
            for username in demo_usernames(council, office_spec):
                person = _demo_person(username, tally=tally, password_hash=password_hash)
                if not Appointment.objects.filter(person=person, office=office).exists():
                    basis = (
                        Appointment.Basis.ELECTED if office.kind == Office.Kind.MEMBER else Appointment.Basis.EMPLOYED
                    )
                    if username == "ll-officer-2":
                        basis = Appointment.Basis.AGENCY  # LL 3.2: agency staff are officers too
                    services.appointment_create(
                        actor=None,
                        person=person,
                        office=office,
                        basis=basis,
                        start_date=DEMO_START[office.kind],
                        reason="Demo appointment loaded by load_demo",
                    )
                    tally.created += 1
    _load_demo_extras(tally)
    if stdout:
        stdout.write(f"Demo people and appointments: {tally}\n")
    return tally


def _load_demo_extras(tally: Tally) -> None:
    """Second offices, memberships and declarations from ``fixtures/demo/roles.json``."""
    data = json.loads((DEMO_DIR / "roles.json").read_text())
    people = {p.username: p for p in Person.objects.all()}
    reason = "Demo data loaded by load_demo"
    for item in data["extra_appointments"]:
        office = Office.objects.get(council__slug=item["council"], slug=item["office"])
        person = people[item["person"]]
        if not Appointment.objects.filter(person=person, office=office).exists():
            services.appointment_create(
                actor=None,
                person=person,
                office=office,
                basis=item["basis"],
                start_date=date.fromisoformat(item["start_date"]),
                reason=reason,
            )
            tally.created += 1
    for council_slug, spec in data["councils"].items():
        council = Council.objects.get(slug=council_slug)
        for group_slug, members in spec.get("groups", {}).items():
            group = PoliticalGroup.objects.get(council=council, slug=group_slug)
            for username, role in members.items():
                if not GroupMembership.objects.filter(group=group, person=people[username]).exists():
                    services.group_membership_save(
                        actor=None,
                        membership=GroupMembership(
                            group=group, person=people[username], role=role, start_date=DEMO_START["member"]
                        ),
                        reason=reason,
                    )
                    tally.created += 1
        for committee_slug, members in spec.get("committees", {}).items():
            committee = Committee.objects.get(council=council, slug=committee_slug)
            for username, role in members.items():
                if not CommitteeMembership.objects.filter(committee=committee, person=people[username]).exists():
                    services.committee_membership_save(
                        actor=None,
                        membership=CommitteeMembership(
                            committee=committee,
                            person=people[username],
                            role=role,
                            start_date=DEMO_START["member"],
                        ),
                        reason=reason,
                    )
                    tally.created += 1
        for ward_slug, usernames in spec.get("wards", {}).items():
            ward = Ward.objects.get(council=council, slug=ward_slug)
            for username in usernames:
                if not WardMembership.objects.filter(ward=ward, person=people[username]).exists():
                    services.ward_membership_save(
                        actor=None,
                        membership=WardMembership(ward=ward, person=people[username], start_date=DEMO_START["member"]),
                        reason=reason,
                    )
                    tally.created += 1
        for rel in spec.get("relationships", []):
            member, officer = people[rel["member"]], people[rel["officer"]]
            if not RelationshipDeclaration.objects.filter(council=council, member=member, officer=officer).exists():
                services.relationship_declare(
                    actor=None,
                    declaration=RelationshipDeclaration(
                        council=council,
                        member=member,
                        officer=officer,
                        nature=rel["nature"],
                        details=rel.get("details", ""),
                        start_date=date.fromisoformat(rel["start_date"]),
                    ),
                    reason=reason,
                )
                tally.created += 1
        for interest in spec.get("interests", []):
            member = people[interest["member"]]
            if not InterestDeclaration.objects.filter(
                council=council, member=member, description=interest["description"]
            ).exists():
                services.interest_register(
                    actor=None,
                    declaration=InterestDeclaration(
                        council=council,
                        member=member,
                        category=interest["category"],
                        description=interest["description"],
                        matters=interest.get("matters", ""),
                        start_date=date.fromisoformat(interest["start_date"]),
                        sensitive=interest.get("sensitive", False),
                        acting_party=interest.get("acting_party", ""),
                    ),
                    reason=reason,
                )
                tally.created += 1
