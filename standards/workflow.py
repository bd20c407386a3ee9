"""The Code of Conduct complaint's life, declared once on the shared transition engine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from protocol_portal.core.transitions import SYSTEM, Machine, Move


class State(models.TextChoices):
    RECEIVED = "received", "Received: awaiting the Monitoring Officer's assessment"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    INFORMAL = "informal_resolution", "Informal resolution"
    INVESTIGATION = "investigation", "Under investigation"
    HEARING = "hearing", "Referred to a hearing"
    DECIDED = "decided", "Decided"
    RESOLVED = "resolved", "Resolved informally"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Actor(models.TextChoices):
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"
    INDEPENDENT_PERSON = "independent_person", "Independent Person"
    PANEL = "panel", "Hearing panel member"
    COMPLAINANT = "complainant", "Complainant"
    SYSTEM = SYSTEM, "Deadline check"


class Assessment(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    INFORMAL_RESOLUTION = "informal_resolution", "Informal resolution"
    INVESTIGATE = "investigate", "Investigation"


class Finding(models.TextChoices):
    BREACH = "breach", "The member breached the Code of Conduct"
    NO_BREACH = "no_breach", "No breach of the Code of Conduct"


class Sanction(models.TextChoices):
    """The sanctions open to a standards committee (no power to suspend a member)."""

    CENSURE = "censure", "Formal censure"
    REPORT_TO_COUNCIL = "report_to_council", "Report the findings to the council"
    REMOVAL_FROM_COMMITTEES = "removal_from_committees", "Recommend removal from committees or outside bodies"
    TRAINING = "training", "Recommend training"
    WITHDRAWAL_OF_FACILITIES = "withdrawal_of_facilities", "Withdrawal of facilities (e.g. IT, access to offices)"


OPEN_STATES = frozenset({State.RECEIVED, State.INFORMAL, State.INVESTIGATION, State.HEARING})

_MO, _IP, _PANEL, _C = Actor.MONITORING_OFFICER, Actor.INDEPENDENT_PERSON, Actor.PANEL, Actor.COMPLAINANT


def independent_person_view_recorded(case: Any, context: Mapping[str, Any]) -> str | None:
    """s28(7): on an investigated allegation, the Independent Person's views come before the decision."""
    if case.investigated and not case.ip_view.strip():
        return (
            "The Independent Person's view must be sought and recorded before a decision on an allegation that "
            "has been investigated (Localism Act 2011 s28(7))."
        )
    return None


def report_received(case: Any, context: Mapping[str, Any]) -> str | None:
    if not case.investigation_report.strip():
        return "Record the investigator's report before referring the case to a hearing."
    return None


CONDUCT_LIFE = Machine(
    states=State,
    moves=[
        Move(
            "assess_no_further_action",
            sources=frozenset({State.RECEIVED}),
            target=State.NO_FURTHER_ACTION,
            actors=frozenset({_MO}),
            label="Assess: no further action",
        ),
        Move(
            "assess_informal_resolution",
            sources=frozenset({State.RECEIVED}),
            target=State.INFORMAL,
            actors=frozenset({_MO}),
            label="Assess: informal resolution",
        ),
        Move(
            "assess_investigate",
            sources=frozenset({State.RECEIVED, State.INFORMAL}),
            target=State.INVESTIGATION,
            actors=frozenset({_MO}),
            label="Refer for investigation",
        ),
        Move("resolve_informally", sources=frozenset({State.INFORMAL}), target=State.RESOLVED, actors=frozenset({_MO})),
        Move(
            "refer_to_hearing",
            sources=frozenset({State.INVESTIGATION}),
            target=State.HEARING,
            actors=frozenset({_MO}),
            guard=report_received,
            label="Refer to a hearing",
        ),
        Move(
            "decide",
            sources=frozenset({State.INVESTIGATION, State.HEARING}),
            target=State.DECIDED,
            actors=frozenset({_MO, _PANEL}),
            guard=independent_person_view_recorded,
            label="Record the decision",
        ),
        Move("withdraw", sources=OPEN_STATES, target=State.WITHDRAWN, actors=frozenset({_C, _MO}), label="Withdraw"),
    ],
)

ASSESSMENT_MOVES = {
    Assessment.NO_FURTHER_ACTION: "assess_no_further_action",
    Assessment.INFORMAL_RESOLUTION: "assess_informal_resolution",
    Assessment.INVESTIGATE: "assess_investigate",
}
