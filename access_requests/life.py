"""The life of an information-access request, declared once: its states, the moves and who makes each.

Who someone is for a request (requester, decider, Monitoring Officer) is answered by
``permissions.access_request_roles``; the services make every move with ``ACCESS_REQUEST_LIFE.apply``.
"""

from __future__ import annotations

from django.db import models

from protocol_portal.core.transitions import Machine, Move


class Decision(models.TextChoices):
    GRANT_INSPECT = "grant_inspect", "Grant: inspect only"
    GRANT_COPY = "grant_copy", "Grant: with a copy"
    PARTIAL = "partial", "Partial: inspect the parts stated"
    REFUSE = "refuse", "Refuse"


class State(models.TextChoices):
    SUBMITTED = "submitted", "Awaiting decision"
    GRANTED = "granted", "Granted"
    PARTIAL = "partial", "Partly granted"
    REFUSED = "refused", "Refused"
    REFERRED = "referred", "With the Monitoring Officer"
    DETERMINED_GRANTED = "determined_granted", "Granted by the Monitoring Officer"
    DETERMINED_REFUSED = "determined_refused", "Refusal upheld by the Monitoring Officer"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Party(models.TextChoices):
    REQUESTER = "requester", "The councillor who asked (or the clerk who entered it)"
    DECIDER = "decider", "A deciding officer"
    MONITORING_OFFICER = "monitoring_officer", "The council's Monitoring Officer (not conflicted)"


OPEN_STATES = (State.SUBMITTED, State.REFERRED)
CLOSED_STATES = tuple(s for s in State if s not in OPEN_STATES)
DECISION_STATE = {
    Decision.GRANT_INSPECT: State.GRANTED,
    Decision.GRANT_COPY: State.GRANTED,
    Decision.PARTIAL: State.PARTIAL,
    Decision.REFUSE: State.REFUSED,
}

_SUBMITTED = frozenset({State.SUBMITTED})
_DECIDER, _REQUESTER, _MO = (
    frozenset({Party.DECIDER}),
    frozenset({Party.REQUESTER}),
    frozenset({Party.MONITORING_OFFICER}),
)

ACCESS_REQUEST_LIFE = Machine(
    states=State,
    noun="request",
    moves=[
        Move("grant", sources=_SUBMITTED, target=State.GRANTED, actors=_DECIDER),
        Move("grant_part", sources=_SUBMITTED, target=State.PARTIAL, actors=_DECIDER),
        Move("refuse", sources=_SUBMITTED, target=State.REFUSED, actors=_DECIDER),
        # An officer in doubt asks the Monitoring Officer (TW 3.6) ...
        Move("refer_in_doubt", sources=_SUBMITTED, target=State.REFERRED, actors=_DECIDER),
        # ... and a councillor refused (in whole or part) disputes the decision.
        Move(
            "refer_dispute", sources=frozenset({State.REFUSED, State.PARTIAL}), target=State.REFERRED, actors=_REQUESTER
        ),
        Move("determine_grant", sources=frozenset({State.REFERRED}), target=State.DETERMINED_GRANTED, actors=_MO),
        Move("determine_refuse", sources=frozenset({State.REFERRED}), target=State.DETERMINED_REFUSED, actors=_MO),
        Move("withdraw", sources=_SUBMITTED, target=State.WITHDRAWN, actors=_REQUESTER, reason_required=False),
    ],
)

# The actions people take on pages and the API, and the moves each may make.
ACTION_MOVES: dict[str, tuple[str, ...]] = {
    "decide": ("grant", "grant_part", "refuse"),
    "refer": ("refer_in_doubt", "refer_dispute"),
    "determine": ("determine_grant", "determine_refuse"),
    "withdraw": ("withdraw",),
}
