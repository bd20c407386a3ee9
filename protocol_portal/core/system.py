"""The portal's own actor for scheduled work: named in history, allowed a short list of acts, nothing else.

Services never treat ``actor=None`` as "anyone may": they refuse it. Scheduled jobs act as
``system_actor()``, a person row that cannot sign in, and each service asks ``system_act_check``
for the one act it is doing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

SYSTEM_USERNAME = "portal-scheduler"

# What the scheduler may do, and nothing else.
SYSTEM_ACTS: frozenset[str] = frozenset(
    {
        "complaint.escalate_overdue",  # a deadline passed and the council escalates automatically
        "grant.expire",  # a grant's last day passed
        "grant.end_with_office",  # the grantee no longer holds the office that made them eligible
    }
)


def system_actor() -> Any:
    """The scheduler's person row (created on first use; no usable password, never active)."""
    from roles.models import Person

    person, created = Person.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"display_name": "Portal scheduler", "is_active": False},
    )
    if created:
        person.set_unusable_password()
        person._change_reason = "The portal's scheduler, named in the history of what it does"
        person.save()
    return person


def is_system_actor(actor: Any) -> bool:
    return bool(actor is not None and getattr(actor, "username", "") == SYSTEM_USERNAME and not actor.is_active)


def actor_required(actor: Any) -> None:
    if actor is None:
        raise PermissionDenied("Every change names who made it: no one was given as the actor.")


def system_act_check(actor: Any, act: str) -> None:
    """Allow the scheduler to do ``act`` only if it is on its list."""
    actor_required(actor)
    if not is_system_actor(actor) or act not in SYSTEM_ACTS:
        raise PermissionDenied(f"Only the portal's scheduler may {act.replace('.', ': ').replace('_', ' ')}.")
