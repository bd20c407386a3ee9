"""The information requests waiting for a person, for the home page: a fixed number of aggregate queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, Min, Q, Value
from django.urls import reverse

from protocol_portal.core.workdays import today
from protocol_portal.core.worklist import WorkQueue

from . import permissions
from .models import AccessRequest, Grant, State

# A grant ending within this many days is shown so its holder can ask again in time.
GRANT_ENDING_DAYS = 14


def _request_list(**params: str) -> str:
    return f"{reverse('access_requests:request-list')}?{urlencode(params)}"


def _by_council(queryset: Any, *, due: str, overdue: Q | None) -> Iterable[dict[str, Any]]:
    late = Count("id", filter=overdue) if overdue is not None else Value(0, output_field=IntegerField())
    return (
        queryset.order_by()
        .values("council__name", "council__slug")
        .annotate(count=Count("id"), overdue=late, next_due=Min(due))
    )


def access_request_queues(person: Any) -> list[WorkQueue]:
    """Requests to decide, disputes to determine (MO), own requests, grants ending and undertakings to accept."""
    if not getattr(person, "is_authenticated", False):
        return []
    on = today()
    queues: list[WorkQueue] = []
    councils, offices = permissions.decider_council_ids(person), permissions.owned_office_ids(person)
    if councils or offices:
        to_decide = AccessRequest.objects.filter(
            Q(council_id__in=councils) | Q(document__owner_office_id__in=offices), state=State.SUBMITTED
        ).exclude(requester=person)
        queues += [
            WorkQueue(
                key="access_requests.to_decide",
                title="Information requests to decide",
                count=row["count"],
                overdue=row["overdue"],
                next_due=row["next_due"],
                council=row["council__name"],
                url=_request_list(council=row["council__slug"], state=State.SUBMITTED),
            )
            for row in _by_council(to_decide, due="due_date", overdue=Q(due_date__lt=on))
        ]
    mo_councils = permissions.monitoring_officer_council_ids(person)
    if mo_councils:
        disputes = AccessRequest.objects.filter(council_id__in=mo_councils, state=State.REFERRED)
        queues += [
            WorkQueue(
                key="access_requests.disputes",
                title="Need-to-know disputes to determine",
                count=row["count"],
                council=row["council__name"],
                url=reverse("access_requests:dispute-list"),
            )
            for row in _by_council(disputes, due="due_date", overdue=None)
        ]
    own = AccessRequest.objects.filter(requester=person, state__in=[State.SUBMITTED, State.REFERRED])
    queues += [
        WorkQueue(
            key="access_requests.own",
            title="Your information requests awaiting a decision",
            count=row["count"],
            next_due=row["next_due"],
            council=row["council__name"],
            url=_request_list(council=row["council__slug"], scope="mine"),
            own=True,
        )
        for row in _by_council(own, due="due_date", overdue=None)
    ]
    live = Grant.objects.filter(person=person, revoked_at__isnull=True).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    )
    grant_rows = (
        live.order_by()
        .values("document__council__name")
        .annotate(
            ending=Count("id", filter=Q(expires_on__lte=on + timedelta(days=GRANT_ENDING_DAYS))),
            ends=Min("expires_on"),
            unaccepted=Count("id", filter=Q(undertaking_accepted_at__isnull=True)),
        )
    )
    documents = reverse("access_requests:document-list")
    for row in grant_rows:
        if row["unaccepted"]:
            queues.append(
                WorkQueue(
                    key="access_requests.undertakings",
                    title="Undertakings to accept before you can read a document",
                    count=row["unaccepted"],
                    council=row["document__council__name"],
                    url=documents,
                )
            )
        if row["ending"]:
            queues.append(
                WorkQueue(
                    key="access_requests.grants_ending",
                    title=f"Your access to documents ending within {GRANT_ENDING_DAYS} days",
                    count=row["ending"],
                    next_due=row["ends"],
                    council=row["document__council__name"],
                    url=documents,
                    own=True,
                )
            )
    return queues
