"""One small transition engine for every stateful record.

Each stateful model declares its life once, as data::

    COMPLAINT_LIFE = Machine(
        states=State,
        moves=[
            Move("acknowledge", sources=frozenset({State.RECEIVED}), target=State.ACKNOWLEDGED,
                 actors=frozenset({Actor.HANDLER, Actor.ADMINISTRATOR}), reason_required=False),
            Move("withdraw", sources=ACTIVE, target=State.WITHDRAWN, actors=frozenset({Actor.COMPLAINANT}),
                 guard=not_after_the_decision),
        ],
    )

and its service makes a move with ``machine.apply(...)``, which:

1. takes a row lock on the record (``select_for_update(of=("self",), no_key=True)``, so a join never
   locks a neighbour and foreign keys to the row are not blocked),
2. checks the record is still in the state the caller saw (``expected_state``): of two people acting at
   once, one wins and the other is told, with a ``TransitionConflict``,
3. checks the move exists from the current state, that the actor holds one of the move's roles
   (``roles`` is what the app's ``permissions.py`` says the actor is, for this record), that a reason
   is given where the move needs one, and the move's guard,
4. writes the new state with a history row naming the actor and the reason.

Everything refused raises before anything is written. ``TransitionRefused`` is a ``ValidationError``
(a form message or an API 400); ``TransitionConflict`` is a lost race (a form message or an API 409).

System acts (deadline sweeps, expiry jobs) are made by the named scheduler
(``protocol_portal.core.system.system_actor()``) with the role ``SYSTEM``: a move is open to the system only if
it names ``SYSTEM`` among its actors, and a move with no actor at all is refused unless it is the system's.

``machine.state_constraint(name)`` gives the database check that the state is one of the known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from .audit import audited_save

SYSTEM = "system"

M = TypeVar("M", bound=models.Model)

# A guard returns None when the move may go ahead, or the message saying why not.
Guard = Callable[[Any, Mapping[str, Any]], str | None]


class TransitionRefused(ValidationError):
    """The move is not possible: wrong state, missing reason, a guard said no. Nothing was written."""


class TransitionConflict(TransitionRefused):
    """Someone else moved the record first. Nothing was written."""


class TransitionForbidden(PermissionDenied):
    """The actor holds none of the roles this move allows."""


@dataclass(frozen=True)
class Move:
    """One named move: from any of ``sources`` to ``target``, by any of ``actors``."""

    name: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    label: str = ""
    reason_required: bool = True
    guard: Guard | None = None

    def __post_init__(self) -> None:
        # Accept any iterable of TextChoices members; store plain strings.
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "actors", frozenset(str(a) for a in self.actors))
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "label", self.label or self.name.replace("_", " ").capitalize())


class Machine:
    """The states of one model, the moves between them and who may make each."""

    def __init__(
        self, *, states: type[models.TextChoices], moves: Iterable[Move], field: str = "state", noun: str = "record"
    ) -> None:
        self.states = states
        self.field = field
        self.noun = noun  # how messages name the record: "this complaint", "a request that is ..."
        self.moves: dict[str, Move] = {}
        known = set(states.values)
        for move in moves:
            if move.name in self.moves:
                raise ValueError(f"Move '{move.name}' is declared twice.")
            unknown = (move.sources | {move.target}) - known
            if unknown:
                raise ValueError(f"Move '{move.name}' names unknown states: {sorted(unknown)}.")
            self.moves[move.name] = move

    # --- reading the map -------------------------------------------------------------------------

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def moves_from(self, state: str) -> list[Move]:
        return [move for move in self.moves.values() if str(state) in move.sources]

    def targets_from(self, state: str) -> list[str]:
        return list(dict.fromkeys(move.target for move in self.moves_from(state)))

    def move_to(self, state: str, target: str) -> Move | None:
        """The move from ``state`` to ``target`` (the first declared, where several reach it)."""
        return next((move for move in self.moves_from(state) if move.target == str(target)), None)

    def available(self, state: str, roles: Iterable[str]) -> list[Move]:
        """The moves from ``state`` open to someone holding ``roles`` (guards not run)."""
        held = {str(role) for role in roles}
        return [move for move in self.moves_from(state) if move.actors & held]

    def state_constraint(self, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=models.Q(**{f"{self.field}__in": list(self.states.values)}),
            name=name,
            violation_error_message="Unknown state.",
        )

    # --- checking and applying -------------------------------------------------------------------

    def resolve(self, state: str, move: str | Move | None = None, *, to: str | None = None) -> Move:
        """The move named ``move`` (or reaching ``to``) from ``state``, or a clear refusal."""
        current = self.label(state).lower()
        if isinstance(move, Move):
            found: Move | None = move
        elif move is not None:
            found = self.moves.get(move)
            if found is None:
                raise TransitionRefused({"to": f"Unknown action '{move}'."})
        else:
            if to is None or to not in self.states.values:
                raise TransitionRefused({"to": f"Unknown state '{to}'."})
            found = self.move_to(state, to)
            if found is None:
                raise TransitionRefused(
                    {"to": f"A {self.noun} that is {current} cannot be marked {self.label(to).lower()}."}
                )
        assert found is not None  # noqa: S101 - narrowed above
        if str(state) not in found.sources:
            raise TransitionRefused({"to": f"This is {current}: '{found.label}' is not possible now."})
        return found

    def check(
        self,
        record: Any,
        move: Move,
        *,
        roles: Iterable[str],
        reason: str = "",
        context: Mapping[str, Any] | None = None,
    ) -> None:
        """Refuse (raise) unless ``roles`` may make ``move`` on ``record`` now; writes nothing."""
        if not move.actors & {str(role) for role in roles}:
            raise TransitionForbidden(f"You may not {move.label.lower()} this.")
        if move.reason_required and not (reason or "").strip():
            raise TransitionRefused({"reason": "Give a reason: it is recorded in the history."})
        if move.guard is not None:
            problem = move.guard(record, context or {})
            if problem:
                raise TransitionRefused({"to": problem})

    def lock(self, model: type[M], pk: Any) -> M:
        """The record, row-locked for the rest of the caller's transaction."""
        return model._default_manager.select_for_update(of=("self",), no_key=True).get(pk=pk)

    def apply(
        self,
        record: M,
        *,
        actor: Any,
        roles: Iterable[str],
        move: str | Move | None = None,
        to: str | None = None,
        reason: str = "",
        expected_state: str = "",
        context: Mapping[str, Any] | None = None,
        changes: Mapping[str, Any] | None = None,
        lock: bool = True,
        before_save: Callable[[M, Move], None] | None = None,
    ) -> tuple[M, Move]:
        """Make a move under a row lock and save it with a history row; returns the saved record and move.

        ``changes`` are other fields written with the state (same history row). ``before_save`` runs
        after every check, on the locked record, for a service's own extra writes.
        """
        roles = {str(role) for role in roles}
        if actor is None and SYSTEM not in roles:
            raise TransitionForbidden("A move with no person making it must be made as the system.")
        with transaction.atomic():
            current = self.lock(type(record), record.pk) if lock else record
            state = getattr(current, self.field)
            if expected_state and str(expected_state) != str(state):
                raise TransitionConflict(
                    {
                        "to": f"Someone else changed this {self.noun} while you were looking at it: it is now "
                        f"{self.label(state).lower()}. Check the latest and try again."
                    }
                )
            found = self.resolve(state, move, to=to)
            self.check(current, found, roles=roles, reason=reason, context=context)
            for name, value in (changes or {}).items():
                setattr(current, name, value)
            setattr(current, self.field, found.target)
            if before_save is not None:
                before_save(current, found)
            history_reason = f"{self.label(state)} → {self.label(found.target)}"
            if reason.strip():
                history_reason = f"{history_reason}: {reason.strip()}"
            audited_save(current, actor=actor, reason=history_reason[:500], validate=False)
        return current, found
