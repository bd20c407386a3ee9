"""The complaint's states and the one map of who may move it from which state to which."""

from __future__ import annotations

from django.db import models

from protocol_portal.core.transitions import Machine, Move


class State(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INFORMAL = "informal_resolution", "Informal resolution"
    ESCALATED = "escalated", "Escalated to the next step"
    REFERRED = "referred", "Referred to a formal procedure"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Procedure(models.TextChoices):
    DISCIPLINARY = "disciplinary", "Disciplinary procedure"
    GRIEVANCE = "grievance", "Grievance procedure"
    CODE_OF_CONDUCT = "code_of_conduct", "Members' Code of Conduct complaint to the Monitoring Officer"
    PERSONAL_HARASSMENT = "personal_harassment", "Personal Harassment Policy and Procedure"


class FormalBasis(models.TextChoices):
    """Why an informal route became formal (recorded on referral)."""

    CONSENT = "consent", "The complainant consented"
    NOT_NEEDED = "not_needed", "Consent was not needed (reason stated)"


class Actor(models.TextChoices):
    HANDLER = "handler", "Current handler"
    ADMINISTRATOR = "administrator", "Council administrator"
    COMPLAINANT = "complainant", "Complainant"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer (referred matters)"
    SYSTEM = "system", "Deadline check"


OPEN_STATES = frozenset({State.RECEIVED, State.ACKNOWLEDGED, State.INFORMAL, State.ESCALATED})
ACTIVE_STATES = OPEN_STATES | {State.REFERRED}
AWAITING_ACKNOWLEDGEMENT = frozenset({State.RECEIVED, State.ESCALATED})

_H, _A, _C, _M, _S = Actor.HANDLER, Actor.ADMINISTRATOR, Actor.COMPLAINANT, Actor.MONITORING_OFFICER, Actor.SYSTEM

# The one declaration of a complaint's life: every move, from where, to where, and who may make it.
# Only acknowledging needs no reason; the services add each move's own checks (routing, outcome).
COMPLAINT_LIFE = Machine(
    states=State,
    noun="complaint",
    moves=[
        Move(
            "acknowledge",
            sources=AWAITING_ACKNOWLEDGEMENT,
            target=State.ACKNOWLEDGED,
            actors=frozenset({_H, _A}),
            reason_required=False,
        ),
        Move(
            "resolve_informally",
            sources=frozenset({State.RECEIVED, State.ACKNOWLEDGED, State.ESCALATED}),
            target=State.INFORMAL,
            actors=frozenset({_H}),
        ),
        Move("escalate", sources=OPEN_STATES, target=State.ESCALATED, actors=frozenset({_H, _A, _S})),
        Move("refer", sources=OPEN_STATES, target=State.REFERRED, actors=frozenset({_H, _A})),
        Move("resolve", sources=OPEN_STATES, target=State.RESOLVED, actors=frozenset({_H})),
        Move(
            "resolve_referred",
            sources=frozenset({State.REFERRED}),
            target=State.RESOLVED,
            actors=frozenset({_H, _A, _M}),
        ),
        Move("withdraw", sources=ACTIVE_STATES, target=State.WITHDRAWN, actors=frozenset({_C, _A})),
        Move(
            "close",
            sources=frozenset({State.RESOLVED, State.WITHDRAWN, State.REFERRED}),
            target=State.CLOSED,
            actors=frozenset({_H, _A, _M}),
        ),
    ],
)


def transition_allowed(from_state: str, to_state: str) -> frozenset[str]:
    """The actors who may move a complaint from ``from_state`` to ``to_state`` (empty: no such move)."""
    move = COMPLAINT_LIFE.move_to(from_state, to_state)
    return move.actors if move else frozenset()


def targets_from(from_state: str) -> list[str]:
    return COMPLAINT_LIFE.targets_from(from_state)
