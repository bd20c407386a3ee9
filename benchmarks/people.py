"""The people who work hardest: at each size, the clerk, councillor, Monitoring Officer and portal
administrator with the most visible records, and how many records each sees."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

ADMIN_USERNAME = "bench-portal-admin"


@dataclass
class Busiest:
    role: str
    username: str
    sees: int
    what: str


def portal_administrator() -> Any:
    """The benchmark's portal administrator (a superuser), made once in the benchmark database."""
    from roles.models import Person

    admin = Person.objects.filter(username=ADMIN_USERNAME).first()
    if admin is None:
        admin = Person(username=ADMIN_USERNAME, first_name="Portal", last_name="Administrator")
        admin.is_superuser = admin.is_staff = True
        admin.set_password(os.environ.get("DEMO_PASSWORD", "demo-pass-2026"))
        admin._change_reason = "Benchmark portal administrator (benchmarks/people.py)"  # type: ignore[attr-defined]
        admin.save()
    return admin


def busiest_people(candidates: int = 3) -> dict[str, Busiest]:
    from django.db.models import Count

    from access_requests.models import AccessRequest
    from access_requests.permissions import access_requests_visible_to
    from access_requests.selectors import disputes_for
    from complaints.models import Complaint
    from complaints.permissions import complaints_visible_to
    from roles.models import Office, Person
    from roles.selectors import appointments_current

    found: dict[str, Busiest] = {}

    def best(role: str, people: Any, count: Any, what: str) -> None:
        scored = [(count(p), p.username) for p in people]
        if scored:
            sees, username = max(scored)
            found[role] = Busiest(role, username, sees, what)

    # Clerk: an administrator of the councils with the most complaints (they see all of their council's).
    top_councils = (
        Complaint.objects.values("council_id").annotate(n=Count("id")).order_by("-n")[:candidates]
    ).values_list("council_id", flat=True)
    clerks = Person.objects.filter(
        pk__in=appointments_current()
        .filter(office__is_administrator=True, office__council_id__in=list(top_councils))
        .values("person_id")
    )
    best("clerk", clerks, lambda p: complaints_visible_to(p).count(), "complaints")
    # Councillor: the members who made the most information requests.
    members = appointments_current().filter(office__kind=Office.Kind.MEMBER).values("person_id")
    requesters = (
        AccessRequest.objects.filter(requester_id__in=members)
        .values("requester_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:candidates]
        .values_list("requester_id", flat=True)
    )
    best(
        "councillor",
        Person.objects.filter(pk__in=list(requesters)),
        lambda p: access_requests_visible_to(p).count(),
        "information requests",
    )
    # Monitoring Officer: whoever has the longest dispute queue.
    mos = Person.objects.filter(
        pk__in=appointments_current().filter(office__is_monitoring_officer=True).values("person_id")
    )
    best("monitoring officer", mos, lambda p: disputes_for(user=p).count(), "disputes waiting")
    admin = portal_administrator()
    found["administrator"] = Busiest(
        "administrator", admin.username, complaints_visible_to(admin).count(), "complaints"
    )
    return found
