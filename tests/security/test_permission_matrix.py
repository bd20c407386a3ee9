"""One permission matrix over every URL pattern and API route, as anonymous and every demo role.

Fails on any route missing from the expected table (tests/security/matrix*.py),
on any API path in the OpenAPI schema that no case covers, and on any status
other than the expected one.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from roles.models import Appointment, GroupMembership, Office, Person, RelationshipDeclaration

from . import matrix

pytestmark = pytest.mark.django_db


def all_cases() -> list[matrix.Case]:
    cases: list[matrix.Case] = []
    package = importlib.import_module("tests.security")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("matrix_"):
            cases.extend(importlib.import_module(f"tests.security.{module.name}").CASES)
    return cases


def route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django admin: superusers only, see test_admin_is_for_superusers_only
                inner = (
                    pattern.namespace
                    if not namespace
                    else f"{namespace}:{pattern.namespace}"
                    if pattern.namespace
                    else namespace
                )
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


class DemoData:
    """Objects the cases point at, looked up once per test."""

    def office(self, council: str, slug: str) -> Office:
        return Office.objects.get(council__slug=council, slug=slug)

    def appointment(self, username: str) -> Appointment:
        return Appointment.objects.filter(person__username=username).first()  # type: ignore[return-value]

    @property
    def ll_relationship(self) -> RelationshipDeclaration:
        return RelationshipDeclaration.objects.get(member__username="ll-councillor-3")

    @property
    def ll_group_membership(self) -> GroupMembership:
        return GroupMembership.objects.filter(group__council__slug="leighton-linslade").first()  # type: ignore[return-value]

    def __getattr__(self, name: str) -> Any:
        # App-specific lookups live beside their cases (tests/security/matrix_<app>.py: DATA hooks).
        for module_name in (
            "matrix_expectations",
            "matrix_complaints",
            "matrix_access_requests",
            "matrix_standards",
        ):
            try:
                module = importlib.import_module(f"tests.security.{module_name}")
            except ModuleNotFoundError:
                continue
            lookup = getattr(module, f"data_{name}", None)
            if lookup is not None:
                return lookup()
        raise AttributeError(name)


def test_every_route_is_in_the_expected_table():
    covered = {case.route for case in all_cases()} | set(matrix.EXEMPT)
    missing = sorted(route_names() - covered)
    assert missing == [], f"Routes with no expected access in tests/security/matrix*.py: {missing}"


def test_every_api_path_in_the_schema_is_covered(client, db):
    schema = client.get("/api/schema/?format=json").json()
    covered = {case.route for case in all_cases()}
    uncovered = []
    for path in schema["paths"]:
        concrete = path
        for part in [p for p in path.split("/") if p.startswith("{")]:
            concrete = concrete.replace(part, "1" if part in ("{id}", "{pk}") else "x")
        name = resolve(concrete).url_name
        if name not in covered:
            uncovered.append(path)
    assert uncovered == []


def test_routes_answer_every_role_as_expected(db):
    call_command("load_demo", verbosity=0)
    data = DemoData()
    clients: dict[str, Client] = {}
    for role, username in matrix.ROLES.items():
        clients[role] = Client()
        if username:
            clients[role].force_login(Person.objects.get(username=username))
    failures = []
    checked = 0
    for case in all_cases():
        url = reverse(case.route, kwargs=case.kwargs(data)) + case.query
        for role, expected in case.expect.items():
            status = clients[role].get(url).status_code
            checked += 1
            if status != expected:
                failures.append(f"{case.id} {url} as {role}: expected {expected}, got {status}")
    print(f"\nPermission matrix: {checked} route x role checks over {len(all_cases())} cases")
    assert failures == [], "\n".join(failures)


def test_admin_is_for_superusers_only(client, db):
    call_command("load_demo", "--reference-only", verbosity=0)
    assert client.get("/admin/").status_code == 302
    user = Person.objects.create_user("plain-user", password="x-pass-12345")
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # not staff: sent to the admin sign-in
