"""Review reminders: KI's June 2024 review is past, PH's December 2026 is near; one reminder per protocol per period."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from expectations import tasks
from expectations.models import ProtocolDocument
from expectations.services import protocol_control_update, protocol_reviews_remind
from notifications.models import Notice

pytestmark = pytest.mark.django_db
LATE_NOVEMBER = date(2026, 11, 23)


def review_notices():
    return Notice.objects.filter(key__startswith="expectations:review:").select_related("recipient")


def test_beat_schedule_runs_the_registered_task():
    entry = settings.CELERY_BEAT_SCHEDULE["expectations-protocol-review-reminders"]
    assert entry["task"] == tasks.protocol_reviews_remind_task.name
    from protocol_portal.celery import app

    assert entry["task"] in app.tasks


def test_overdue_and_near_reviews_remind_each_council_administrator(catalogue_demo):
    counts = protocol_reviews_remind(on=LATE_NOVEMBER)
    assert counts["protocols"] == 2
    notices = list(review_notices())
    by_recipient = {n.recipient.username: n for n in notices}
    assert set(by_recipient) == {"ki-clerk", "ph-town-clerk"}
    assert "was due for review on 30 June 2024" in by_recipient["ki-clerk"].subject
    assert "is due for review on 31 December 2026" in by_recipient["ph-town-clerk"].subject
    assert by_recipient["ph-town-clerk"].url == "/protocols/peacehaven/versions/"


def test_rerun_in_the_same_period_raises_nothing_new(catalogue_demo, django_capture_on_commit_callbacks):
    protocol_reviews_remind(on=LATE_NOVEMBER)
    first = review_notices().count()
    with django_capture_on_commit_callbacks() as callbacks:
        counts = protocol_reviews_remind(on=date(2026, 11, 30))
    assert counts["raised"] == 0 and review_notices().count() == first and callbacks == []


def test_an_overdue_review_reminds_again_next_month_a_near_one_does_not(catalogue_demo):
    protocol_reviews_remind(on=LATE_NOVEMBER)
    protocol_reviews_remind(on=date(2026, 12, 2))
    keys = sorted(review_notices().values_list("key", flat=True))
    ki = ProtocolDocument.objects.get(council__slug="kingsthorpe")
    ph = ProtocolDocument.objects.get(council__slug="peacehaven")
    assert len([k for k in keys if k.startswith(f"expectations:review:{ki.pk}:overdue:")]) == 2
    assert len([k for k in keys if k.startswith(f"expectations:review:{ph.pk}:")]) == 1


def test_the_reminder_window_is_data(catalogue_demo):
    ph = ProtocolDocument.objects.get(council__slug="peacehaven")
    protocol_control_update(actor=None, document=ph, review_reminder_days=14, reason="Shorter window")
    protocol_reviews_remind(on=LATE_NOVEMBER)
    assert not review_notices().filter(recipient__username="ph-town-clerk").exists()
    protocol_reviews_remind(on=date(2026, 12, 20))  # 11 days before: inside the 14-day window
    assert review_notices().filter(recipient__username="ph-town-clerk").count() == 1


def test_the_task_runs_the_service(catalogue_demo):
    result = tasks.protocol_reviews_remind_task.apply().get()
    assert result["raised"] == review_notices().count()
    assert tasks.protocol_reviews_remind_task.apply().get()["raised"] == 0  # a rerun raises nothing new
