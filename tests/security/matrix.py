"""The expected-access table for every page and API route, as each demo role.

Every named URL pattern must appear here (or in EXEMPT with a reason): a new
route cannot be forgotten. Each case builds the URL's arguments from the demo
data ("own" and "other" objects) and says what each role must get on GET.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Who is who in the demo data (fixtures/roles, fixtures/demo).
ROLES: dict[str, str | None] = {
    "anonymous": None,
    "clerk": "ll-town-clerk",  # administers Leighton-Linslade
    "councillor": "ll-councillor-1",
    "officer": "ll-officer-1",
    "mo": "cb-monitoring-officer",  # Leighton-Linslade's Monitoring Officer (Central Bedfordshire)
    "other_clerk": "tw-member-services-officer",  # administers Tewkesbury only
    "other_councillor": "tw-councillor-2",
}

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = REDIRECT) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def only(allowed: set[str], *, ok: int = OK, others: int = FORBIDDEN, anonymous: int = REDIRECT) -> dict[str, int]:
    return {role: (ok if role in allowed else others) for role in ROLES} | {"anonymous": anonymous}


@dataclass
class Case:
    route: str
    expect: dict[str, int]
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda data: {})
    label: str = ""
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.route}{'[' + self.label + ']' if self.label else ''}"


# Routes with no page of their own to check here, and why.
EXEMPT = {
    "logout": "POST-only sign-out; covered by the browser journey",
    "password_reset_confirm": "needs a one-time token; covered by the password reset test",
    "roles:sign-out-everywhere": "POST-only; covered by tests/core/test_security.py",
    "notifications:open": "POST-only; covered by tests/core/test_notifications.py",
    "invitation-accept": "needs a one-time token; covered by tests/roles/test_invitations.py",
    "roles:person-invite": "POST-only; covered by tests/roles/test_invitations.py",
    "privacy:sar-extend": "needs a recorded subject access request; covered by tests/privacy/test_subject_access.py",
    "privacy:sar-release": "POST-only; covered by tests/privacy/test_subject_access.py",
}
