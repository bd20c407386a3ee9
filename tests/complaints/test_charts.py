"""Open and overdue complaints at each month end: one query, and the chart on the overseers' home pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.charts import complaint_trend
from complaints.models import Complaint, ComplaintEvent
from complaints.workflow import State

pytestmark = pytest.mark.django_db


def test_trend_counts_open_and_overdue_at_each_month_end(demo):
    first = Complaint.objects.get(pk=1)
    on = date(2026, 11, 25)
    fields = {f.attname: getattr(first, f.attname) for f in Complaint._meta.concrete_fields if not f.primary_key}
    fields.update(received_on=date(2026, 8, 10), respond_by=date(2026, 9, 15), state=State.ACKNOWLEDGED)
    late = Complaint.objects.create(**fields)
    fields.update(received_on=date(2026, 9, 1), respond_by=date(2026, 12, 1), state=State.RESOLVED)
    resolved = Complaint.objects.create(**fields)
    event = ComplaintEvent.objects.create(complaint=resolved, kind="transition", to_state=State.RESOLVED)
    ComplaintEvent.objects.filter(pk=event.pk).update(at=timezone.make_aware(timezone.datetime(2026, 10, 5, 12)))
    points = complaint_trend(council_ids={late.council_id}, on=on)
    by_month = {p.month_end: (p.open, p.overdue) for p in points}
    assert len(points) == 12 and points[-1].month_end == on
    assert by_month[date(2026, 7, 31)] == (0, 0)
    assert by_month[date(2026, 8, 31)] == (1, 0)
    assert by_month[date(2026, 9, 30)] == (2, 1)  # the late one is past its date; the other still open
    assert by_month[date(2026, 10, 31)] == (1, 1)  # resolved on 5 October
    # The demo complaint received today (LL-C00001) is open at the last point too.
    assert by_month[on][0] >= 1


def test_trend_is_one_query(demo):
    with CaptureQueriesContext(connection) as queries:
        complaint_trend(council_ids={1, 2, 3}, on=date.today() + timedelta(days=1))
    assert len(queries.captured_queries) == 1


def test_clerk_and_monitoring_officer_see_the_chart_councillors_do_not(demo, client, login):
    login("ll-town-clerk")
    page = client.get(reverse("home")).content.decode()
    assert "<svg" in page and "Open and overdue complaints at the end of each month" in page
    login("ll-councillor-3")
    assert "<svg" not in client.get(reverse("home")).content.decode()
