"""Complaint work queues for the home page: to acknowledge, to answer, overdue, and one's own complaints."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse

from protocol_portal.core.worklist import WorkQueue
from roles.models import today

from .models import Complaint
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State


def _url(scope: str, council_slug: str) -> str:
    return f"{reverse('complaints:list')}?{urlencode({'scope': scope, 'council': council_slug})}"


def complaint_queues(person: Any) -> Iterable[WorkQueue]:
    """Two aggregate queries, whatever the number of complaints."""
    if not getattr(person, "is_authenticated", False):
        return []
    on = today()
    awaiting = Q(state__in=AWAITING_ACKNOWLEDGEMENT)
    answering = Q(state__in=OPEN_STATES - AWAITING_ACKNOWLEDGEMENT)
    overdue = Q(state__in=ACTIVE_STATES - {State.REFERRED}, respond_by__lt=on) | Q(awaiting, acknowledge_by__lt=on)
    queues: list[WorkQueue] = []
    handled = (
        Complaint.objects.filter(handler=person, state__in=OPEN_STATES)
        .exclude(subject=person)
        .values("council__name", "council__slug")
        .annotate(
            to_ack=Count("pk", filter=awaiting),
            ack_next=Min("acknowledge_by", filter=awaiting),
            ack_late=Count("pk", filter=awaiting & Q(acknowledge_by__lt=on)),
            to_answer=Count("pk", filter=answering),
            answer_next=Min("respond_by", filter=answering),
            answer_late=Count("pk", filter=answering & Q(respond_by__lt=on)),
            late=Count("pk", filter=overdue),
        )
        .order_by("council__name")
    )
    for row in handled:
        name, slug = row["council__name"], row["council__slug"]
        queues += [
            WorkQueue(
                "complaints.to_acknowledge",
                "Complaints to acknowledge",
                row["to_ack"],
                _url("to_acknowledge", slug),
                overdue=row["ack_late"],
                next_due=row["ack_next"],
                council=name,
            ),
            WorkQueue(
                "complaints.to_answer",
                "Complaints to answer",
                row["to_answer"],
                _url("to_answer", slug),
                overdue=row["answer_late"],
                next_due=row["answer_next"],
                council=name,
            ),
            WorkQueue(
                "complaints.overdue",
                "Complaints overdue",
                row["late"],
                _url("assigned_overdue", slug),
                overdue=row["late"],
                council=name,
            ),
        ]
    own = (
        Complaint.objects.filter(complainant=person, state__in=ACTIVE_STATES)
        .values("council__name", "council__slug")
        .annotate(n=Count("pk"), next_due=Min("respond_by"))
        .order_by("council__name")
    )
    for mine in own:
        queues.append(
            WorkQueue(
                "complaints.own",
                "Your complaints still open",
                mine["n"],
                _url("mine_open", mine["council__slug"]),
                next_due=mine["next_due"],
                council=mine["council__name"],
                own=True,
            )
        )
    return queues
