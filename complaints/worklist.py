"""The complaints waiting for a person, for the home page: a fixed number of aggregate queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, Min, Q, Value
from django.urls import reverse

from protocol_portal.core.workdays import today
from protocol_portal.core.worklist import WorkQueue
from roles.permissions import admin_council_ids, monitoring_officer_council_ids

from .models import Complaint
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State

TO_ANSWER = OPEN_STATES - AWAITING_ACKNOWLEDGEMENT


def _list_url(**params: str) -> str:
    return f"{reverse('complaints:list')}?{urlencode(params)}"


def _queues(rows: Iterable[dict[str, Any]], *, key: str, title: str, scope: str, own: bool = False) -> list[WorkQueue]:
    return [
        WorkQueue(
            key=key,
            title=title,
            count=row["count"],
            overdue=row["overdue"],
            next_due=row["next_due"],
            council=row["council__name"],
            url=_list_url(scope=scope, council=row["council__slug"]),
            own=own,
        )
        for row in rows
    ]


def _by_council(queryset: Any, *, due: str, overdue: Q | None) -> Iterable[dict[str, Any]]:
    late = Count("id", filter=overdue) if overdue is not None else Value(0, output_field=IntegerField())
    return (
        queryset.order_by()
        .values("council__name", "council__slug")
        .annotate(count=Count("id"), overdue=late, next_due=Min(due))
    )


def complaint_queues(person: Any) -> list[WorkQueue]:
    """Complaints to acknowledge and to answer (handler), to escalate (administrators), referred (MO), and own."""
    if not getattr(person, "is_authenticated", False):
        return []
    on = today()
    queues: list[WorkQueue] = []
    handled = Complaint.objects.filter(handler=person)
    queues += _queues(
        _by_council(
            handled.filter(state__in=AWAITING_ACKNOWLEDGEMENT), due="acknowledge_by", overdue=Q(acknowledge_by__lt=on)
        ),
        key="complaints.to_acknowledge",
        title="Complaints to acknowledge",
        scope="to_acknowledge",
    )
    queues += _queues(
        _by_council(handled.filter(state__in=TO_ANSWER), due="respond_by", overdue=Q(respond_by__lt=on)),
        key="complaints.to_answer",
        title="Complaints to answer",
        scope="to_answer",
    )
    administered = admin_council_ids(person)
    if administered:
        # Past their deadline and not with the administrator already: the administrator can escalate them.
        late = Complaint.objects.filter(council_id__in=administered, state__in=OPEN_STATES, respond_by__lt=on).exclude(
            handler=person
        )
        queues += _queues(
            _by_council(late, due="respond_by", overdue=Q(respond_by__lt=on)),
            key="complaints.to_escalate",
            title="Overdue complaints to chase or escalate",
            scope="overdue",
        )
    mo_councils = monitoring_officer_council_ids(person)
    if mo_councils:
        referred = Complaint.objects.filter(Q(referred_to=person) | Q(council_id__in=mo_councils), state=State.REFERRED)
        queues += _queues(
            _by_council(referred, due="respond_by", overdue=None),  # no deadline once referred
            key="complaints.referred",
            title="Complaints referred to a formal procedure",
            scope="referred",
        )
    own = Complaint.objects.filter(complainant=person, state__in=ACTIVE_STATES - {State.REFERRED})
    queues += _queues(
        _by_council(own, due="respond_by", overdue=Q(respond_by__lt=on)),
        key="complaints.own",
        title="Your complaints",
        scope="mine_open",
        own=True,
    )
    return queues
