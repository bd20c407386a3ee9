"""Working-day deadlines: reminders before, escalation or a flag after; a rerun sends nothing new."""

from datetime import date

import pytest

from complaints.models import ComplaintSettings
from complaints.services import complaint_create, complaints_deadlines_process
from complaints.tasks import complaints_check_deadlines
from notifications.models import Notice
from roles.models import Council

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)


def log(person, code, by, complainant, subject):  # type: ignore[no-untyped-def]
    return complaint_create(
        actor=person(by),
        council=Council.objects.get(code=code),
        complainant=person(complainant),
        subject=person(subject),
        summary="Deadline test",
        details="x",
        received_on=MONDAY,
    )


def test_deadlines_count_working_days(demo, person):
    complaint = log(person, "ll", "ll-town-clerk", "ll-councillor-1", "ll-officer-1")
    assert complaint.acknowledge_by == date(2026, 3, 9)  # 5 working days
    assert complaint.respond_by == date(2026, 3, 23)  # stage 1: 10 working days after the acknowledgement deadline


def test_handler_is_reminded_once_before_the_deadline(demo, person):
    complaint = log(person, "ll", "ll-town-clerk", "ll-councillor-1", "ll-officer-1")
    counts = complaints_deadlines_process(on=date(2026, 3, 5))  # Thursday: two working days left to acknowledge
    assert counts["reminded"] >= 1
    reminders = Notice.objects.filter(
        recipient=person("ll-town-clerk"), key__contains=f"complaint:{complaint.pk}:remind"
    )
    assert reminders.count() == 1
    complaints_deadlines_process(on=date(2026, 3, 5))
    assert reminders.count() == 1  # idempotent


def test_overdue_is_flagged_to_handler_and_administrators_once(demo, person):
    complaint = log(person, "ki", "ki-clerk", "ki-councillor-1", "ki-officer-1")
    complaints_deadlines_process(on=date(2026, 3, 16))
    complaint.refresh_from_db()
    assert complaint.overdue_flagged_on == date(2026, 3, 16)
    assert complaint.events.filter(kind="overdue").count() == 1
    complaints_deadlines_process(on=date(2026, 3, 17))
    assert complaint.events.filter(kind="overdue").count() == 1


def test_overdue_escalates_where_the_council_says_so(demo, person):
    assert ComplaintSettings.objects.get(council__code="tw").escalate_when_overdue
    complaint = log(person, "tw", "tw-member-services-officer", "tw-councillor-1", "tw-officer-1")
    assert complaint.handler.username == "tw-director"
    counts = complaints_deadlines_process(on=date(2026, 3, 16))
    complaint.refresh_from_db()
    assert counts["escalated"] >= 1
    assert complaint.handler.username == "tw-chief-executive" and complaint.state == "escalated"
    assert complaint.events.filter(to_state="escalated", actor__username="portal-scheduler").exists()
    assert complaint.respond_by > date(2026, 3, 16)


def test_overdue_with_no_further_step_is_flagged_instead(demo, person):
    complaint = log(person, "tw", "tw-member-services-officer", "tw-councillor-1", "tw-chief-executive")
    complaints_deadlines_process(on=date(2026, 3, 16))
    complaint.refresh_from_db()
    assert complaint.handler.username == "tw-monitoring-officer" and complaint.overdue_flagged_on is not None


def test_periodic_task_is_scheduled_and_runs(demo, settings):
    assert (
        settings.CELERY_BEAT_SCHEDULE["complaints-check-deadlines"]["task"]
        == "complaints.tasks.complaints_check_deadlines"
    )
    result = complaints_check_deadlines.apply().get()
    from complaints.models import Complaint, ComplaintEvent

    assert result["flagged"] == Complaint.objects.exclude(overdue_flagged_on=None).count()
    assert result["escalated"] == ComplaintEvent.objects.filter(to_state="escalated", actor=None).count()
    assert complaints_check_deadlines.apply().get() == {"reminded": result["reminded"], "escalated": 0, "flagged": 0}
    assert complaints_check_deadlines.acks_late
