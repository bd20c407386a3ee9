"""What waits for a person: each app registers a provider of work queues; the home page shows them all.

An app registers in its ``AppConfig.ready()``::

    from protocol_portal.core import worklist
    worklist.register(complaint_queues)  # def complaint_queues(person) -> Iterable[WorkQueue]

A provider answers in a fixed number of queries, whatever the number of records (counts and the next
date come from aggregates, never from loading the records).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class WorkQueue:
    """One queue of work for one person, e.g. "Complaints to acknowledge" in one council."""

    key: str  # stable name, e.g. "complaints.to_acknowledge"
    title: str  # plain English, e.g. "Complaints to acknowledge"
    count: int
    url: str  # the list filtered to exactly these records
    overdue: int = 0
    next_due: date | None = None
    council: str = ""  # the council's name, to group queues on the page
    own: bool = False  # the person's own cases (as complainant or requester), not work they must do


WorkProvider = Callable[[Any], Iterable[WorkQueue]]

_providers: list[WorkProvider] = []


def register(provider: WorkProvider) -> WorkProvider:
    """Add a provider (idempotent, so a second ``ready()`` does not double it)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def work_for(person: Any) -> list[WorkQueue]:
    """Every non-empty queue for ``person``: overdue work first, then by the next date."""
    queues = [queue for provider in _providers for queue in provider(person) if queue.count]
    return sorted(queues, key=lambda q: (q.own, -q.overdue, q.next_due or date.max, q.council, q.title))
