"""The complaint's states and the one map of who may move it from which state to which."""

from __future__ import annotations

from django.db import models


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
    LOGGED_BY = "logged_by", "Whoever logged the complaint for the complainant"


OPEN_STATES = frozenset({State.RECEIVED, State.ACKNOWLEDGED, State.INFORMAL, State.ESCALATED})
ACTIVE_STATES = OPEN_STATES | {State.REFERRED}
AWAITING_ACKNOWLEDGEMENT = frozenset({State.RECEIVED, State.ESCALATED})

_H, _A, _C, _M, _S = Actor.HANDLER, Actor.ADMINISTRATOR, Actor.COMPLAINANT, Actor.MONITORING_OFFICER, Actor.SYSTEM
_L = Actor.LOGGED_BY

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (State.RECEIVED, State.ACKNOWLEDGED): frozenset({_H, _A}),
    (State.ESCALATED, State.ACKNOWLEDGED): frozenset({_H, _A}),
    **{(s, State.INFORMAL): frozenset({_H}) for s in (State.RECEIVED, State.ACKNOWLEDGED, State.ESCALATED)},
    **{(s, State.ESCALATED): frozenset({_H, _A, _S}) for s in OPEN_STATES},
    **{(s, State.REFERRED): frozenset({_H, _A}) for s in OPEN_STATES},
    **{(s, State.RESOLVED): frozenset({_H}) for s in OPEN_STATES},
    (State.REFERRED, State.RESOLVED): frozenset({_H, _A, _M}),
    **{(s, State.WITHDRAWN): frozenset({_C, _A}) for s in ACTIVE_STATES},
    **{(s, State.CLOSED): frozenset({_H, _A, _M}) for s in (State.RESOLVED, State.WITHDRAWN, State.REFERRED)},
}


# Escalation to the procedure's next stage: by the complainant (or whoever logged it for them, or an
# administrator on their behalf) once the stage is answered, or while it is open and overdue.
NEXT_STAGE_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (s, State.ESCALATED): frozenset({_C, _L, _A}) for s in (*OPEN_STATES, State.RESOLVED)
}


def transition_allowed(from_state: str, to_state: str, *, next_stage: bool = False) -> frozenset[str]:
    """The actors who may make this move (empty: the move does not exist)."""
    moves = NEXT_STAGE_TRANSITIONS if next_stage else TRANSITIONS
    return moves.get((from_state, to_state), frozenset())


def targets_from(from_state: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == from_state]
