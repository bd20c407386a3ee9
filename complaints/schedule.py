"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "complaints-check-deadlines": {
        "task": "complaints.tasks.complaints_check_deadlines",
        # Working days start early: handlers get reminders before the day's work.
        "schedule": crontab(hour=6, minute=30),
    },
}
