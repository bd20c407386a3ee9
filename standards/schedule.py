"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "standards-check-deadlines": {
        "task": "standards.tasks.standards_check_deadlines",
        "schedule": crontab(hour=6, minute=40),
    },
}
