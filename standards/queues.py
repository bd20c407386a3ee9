"""Work queues for the home page: cases to assess, views requested, decisions due (fixed query count)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse

from protocol_portal.core.worklist import WorkQueue
from roles.models import today

from .models import ConductComplaint
from .permissions import own_monitoring_officer_council_ids
from .workflow import State


def standards_queues(person: Any) -> Iterable[WorkQueue]:
    if not (person and person.is_authenticated):
        return []
    on = today()
    councils = own_monitoring_officer_council_ids(person)  # one query
    mine = Q(standards_council_id__in=councils) if councils else Q(pk__in=[])
    rows = ConductComplaint.objects.filter(  # one query for the three queues
        mine | Q(independent_person=person, state=State.HEARING, ip_view="")
    ).aggregate(
        assess=Count("pk", filter=mine & Q(state=State.RECEIVED)),
        assess_over=Count("pk", filter=mine & Q(state=State.RECEIVED, assess_by__lt=on)),
        assess_next=Min("assess_by", filter=mine & Q(state=State.RECEIVED)),
        decide=Count("pk", filter=mine & Q(state=State.HEARING)),
        decide_over=Count("pk", filter=mine & Q(state=State.HEARING, decide_by__lt=on)),
        decide_next=Min("decide_by", filter=mine & Q(state=State.HEARING)),
        views=Count("pk", filter=Q(independent_person=person, state=State.HEARING, ip_view="")),
        views_next=Min("decide_by", filter=Q(independent_person=person, state=State.HEARING, ip_view="")),
    )
    url = reverse("standards:list")
    return [
        WorkQueue(
            key="standards.to_assess",
            title="Code of Conduct complaints to assess",
            count=rows["assess"],
            overdue=rows["assess_over"],
            next_due=rows["assess_next"],
            url=f"{url}?state={State.RECEIVED}",
        ),
        WorkQueue(
            key="standards.decisions_due",
            title="Code of Conduct decisions due",
            count=rows["decide"],
            overdue=rows["decide_over"],
            next_due=rows["decide_next"],
            url=f"{url}?state={State.HEARING}",
        ),
        WorkQueue(
            key="standards.views_requested",
            title="Independent Person's views requested",
            count=rows["views"],
            next_due=rows["views_next"],
            url=f"{url}?state={State.HEARING}",
        ),
    ]
