"""Open and overdue complaints at the end of each of the last 12 months, as a small server-rendered SVG chart.

One aggregate query: each complaint's closing date (its first move to resolved, closed or withdrawn) is a
subquery, and each month end is a pair of conditional counts over it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, DateTimeField, Min, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from protocol_portal.core.workdays import today
from roles.models import Council
from roles.permissions import admin_council_ids, monitoring_officer_council_ids

from .models import Complaint, ComplaintEvent
from .workflow import State

ENDED = (State.RESOLVED, State.CLOSED, State.WITHDRAWN)
MONTHS = 12


@dataclass(frozen=True)
class MonthPoint:
    month_end: date
    open: int
    overdue: int


def _month_ends(on: date) -> list[date]:
    ends = []
    year, month = on.year, on.month
    for _ in range(MONTHS):
        last = date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, on))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(ends))


def complaint_trend(*, council_ids: set[int], on: date | None = None) -> list[MonthPoint]:
    on = on or today()
    ends = _month_ends(on)
    closed_at = (
        ComplaintEvent.objects.filter(complaint=OuterRef("pk"), to_state__in=ENDED)
        .order_by()
        .values("complaint")
        .annotate(first=Min("at"))
        .values("first")
    )
    rows = Complaint.objects.filter(council_id__in=council_ids, received_on__lte=on).annotate(
        closed_at=Subquery(closed_at, output_field=DateTimeField())
    )
    aggregates: dict[str, Any] = {}
    for n, end in enumerate(ends):
        end_moment = timezone.make_aware(datetime.combine(end, time.max))
        still_open = Q(received_on__lte=end) & (Q(closed_at__isnull=True) | Q(closed_at__gt=end_moment))
        aggregates[f"open_{n}"] = Count("id", filter=still_open)
        aggregates[f"late_{n}"] = Count("id", filter=still_open & Q(respond_by__lt=end))
    totals = rows.aggregate(**aggregates)
    return [MonthPoint(end, totals[f"open_{n}"], totals[f"late_{n}"]) for n, end in enumerate(ends)]


def trend_svg_context(points: list[MonthPoint], *, title: str) -> dict[str, Any]:
    width, height, left, bottom, top = 600, 200, 36, 24, 10
    peak = max([p.open for p in points] + [1])
    slot = (width - left) / len(points)
    bar = slot * 0.35
    scale = (height - bottom - top) / peak
    bars = []
    for n, p in enumerate(points):
        x = left + n * slot + slot * 0.12
        bars.append(
            {
                "point": p,
                "x_open": round(x, 1),
                "x_late": round(x + bar, 1),
                "w": round(bar, 1),
                "h_open": round(p.open * scale, 1),
                "y_open": round(height - bottom - p.open * scale, 1),
                "h_late": round(p.overdue * scale, 1),
                "y_late": round(height - bottom - p.overdue * scale, 1),
                "x_label": round(x + bar, 1),
            }
        )
    return {
        "title": title,
        "bars": bars,
        "width": width,
        "height": height,
        "left": left,
        "baseline": height - bottom,
        "peak": peak,
        "top": top,
        "label_y": height - 6,
    }


def complaint_charts(person: Any) -> list[str]:
    """One chart per council the person administers or serves as Monitoring Officer."""
    if not getattr(person, "is_authenticated", False):
        return []
    council_ids = admin_council_ids(person) | monitoring_officer_council_ids(person)
    if not council_ids or getattr(person, "is_superuser", False):
        return []
    ids = set(Complaint.objects.filter(council_id__in=council_ids).values_list("council_id", flat=True).distinct())
    names = dict(Council.objects.filter(pk__in=ids).values_list("pk", "name"))
    if not names:
        return []
    points = complaint_trend(council_ids=set(names))
    title = "Open and overdue complaints at the end of each month: " + ", ".join(sorted(names.values()))
    return [render_to_string("complaints/_trend_chart.html", trend_svg_context(points, title=title))]
