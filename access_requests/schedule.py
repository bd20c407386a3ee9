"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "access-requests-reminders": {
        "task": "access_requests.tasks.access_requests_send_reminders",
        "schedule": crontab(minute=15, hour=7),
    },
    "access-grants-expire": {
        "task": "access_requests.tasks.access_grants_expire",
        "schedule": crontab(minute=5, hour=0),
    },
}
