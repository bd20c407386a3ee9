"""The shared transition engine: moves as data, row locks, roles, reasons, guards and history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from expectations.models import ProtocolDocument
from protocol_portal.core.transitions import (
    SYSTEM,
    Machine,
    Move,
    TransitionConflict,
    TransitionForbidden,
    TransitionRefused,
)
from roles.models import Council

Status = ProtocolDocument.Status


def _not_without_text(record, context):
    return None if context.get("text") else "The protocol has no text yet."


LIFE = Machine(
    states=Status,
    field="status",
    moves=[
        Move(
            "adopt",
            sources=frozenset({Status.DRAFT}),
            target=Status.ADOPTED,
            actors=frozenset({"administrator"}),
            guard=_not_without_text,
        ),
        Move(
            "supersede",
            sources=frozenset({Status.ADOPTED}),
            target=Status.SUPERSEDED,
            actors=frozenset({"administrator", SYSTEM}),
            reason_required=False,
        ),
    ],
)


@pytest.fixture
def draft(demo, person):
    council = Council.objects.get(slug="lewes-district")  # no protocol of its own
    return ProtocolDocument.objects.create(council=council, title="Engine test", version="99", status=Status.DRAFT)


def test_declaration_rejects_unknown_states_and_twice_declared_moves():
    with pytest.raises(ValueError, match="unknown states"):
        Machine(
            states=Status, moves=[Move("x", sources=frozenset({"nowhere"}), target=Status.DRAFT, actors=frozenset())]
        )
    twice = Move("x", sources=frozenset({Status.DRAFT}), target=Status.ADOPTED, actors=frozenset({"a"}))
    with pytest.raises(ValueError, match="declared twice"):
        Machine(states=Status, moves=[twice, twice])


def test_reading_the_map():
    assert LIFE.targets_from(Status.DRAFT) == [Status.ADOPTED]
    assert LIFE.targets_from(Status.SUPERSEDED) == []
    assert [m.name for m in LIFE.available(Status.ADOPTED, {SYSTEM})] == ["supersede"]
    assert LIFE.available(Status.DRAFT, {"councillor"}) == []
    assert LIFE.moves["adopt"].label == "Adopt"


def test_apply_moves_the_state_with_a_history_row_naming_actor_and_reason(draft, person):
    clerk = person("ld-monitoring-officer")
    saved, move = LIFE.apply(
        draft,
        actor=clerk,
        roles={"administrator"},
        to=Status.ADOPTED,
        reason="Adopted at the May meeting",
        context={"text": True},
    )
    assert move.name == "adopt"
    draft.refresh_from_db()
    assert draft.status == Status.ADOPTED
    latest = draft.history.latest()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Draft → Adopted: Adopted at the May meeting"


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"roles": {"councillor"}, "move": "adopt", "reason": "r", "context": {"text": True}}, PermissionDenied, None),
        (
            {"roles": {"administrator"}, "move": "adopt", "reason": "", "context": {"text": True}},
            ValidationError,
            "reason",
        ),
        ({"roles": {"administrator"}, "move": "adopt", "reason": "r", "context": {}}, ValidationError, "to"),
        ({"roles": {"administrator"}, "move": "supersede", "reason": "r"}, ValidationError, "to"),
        ({"roles": {"administrator"}, "to": Status.SUPERSEDED, "reason": "r"}, ValidationError, "to"),
        ({"roles": {"administrator"}, "move": "publish", "reason": "r"}, ValidationError, "to"),
        ({"roles": {"administrator"}, "to": "nowhere", "reason": "r"}, ValidationError, "to"),
    ],
)
def test_refusals_write_nothing(draft, person, kwargs, error, field):
    before = draft.history.count()
    with pytest.raises(error) as raised:
        LIFE.apply(draft, actor=person("ld-monitoring-officer"), **kwargs)
    if field:
        assert field in raised.value.message_dict
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.history.count() == before


def test_a_stale_view_is_told_someone_else_moved_it(draft, person):
    clerk = person("ld-monitoring-officer")
    LIFE.apply(draft, actor=clerk, roles={"administrator"}, move="adopt", reason="r", context={"text": True})
    with pytest.raises(TransitionConflict, match="Someone else changed this"):
        LIFE.apply(
            draft,
            actor=clerk,
            roles={"administrator"},
            move="adopt",
            reason="r",
            expected_state=Status.DRAFT,
            context={"text": True},
        )
    assert issubclass(TransitionConflict, TransitionRefused)


def test_no_actor_is_not_a_bypass(draft):
    with pytest.raises(TransitionForbidden):
        LIFE.apply(draft, actor=None, roles={"administrator"}, move="adopt", reason="r", context={"text": True})
    draft.status = Status.ADOPTED
    draft.save()
    saved, _ = LIFE.apply(draft, actor=None, roles={SYSTEM}, move="supersede")
    assert saved.status == Status.SUPERSEDED
    assert saved.history.latest().history_change_reason == "Adopted → Superseded"


def test_changes_are_saved_with_the_state(draft, person):
    saved, _ = LIFE.apply(
        draft,
        actor=person("ld-monitoring-officer"),
        roles={"administrator"},
        move="adopt",
        reason="r",
        context={"text": True},
        changes={"title": "Engine test (adopted)"},
    )
    draft.refresh_from_db()
    assert draft.title == "Engine test (adopted)"
    assert draft.history.latest().title == "Engine test (adopted)"


def test_state_constraint_lists_every_known_state():
    constraint = LIFE.state_constraint("protocol_status_known")
    assert constraint.name == "protocol_status_known"
    assert set(dict(constraint.condition.children)["status__in"]) == set(Status.values)
