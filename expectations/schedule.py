"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "expectations-protocol-review-reminders": {
        "task": "expectations.tasks.protocol_reviews_remind_task",
        # Daily is enough: the notice key allows one reminder per protocol per period, whatever the reruns.
        "schedule": crontab(hour=7, minute=0),
    },
    "expectations-ask-new-office-holders-to-read": {
        "task": "expectations.tasks.acknowledgements_request_task",
        # New officers are asked to read the protocol within a day of starting (LL 3.3).
        "schedule": crontab(hour=7, minute=15),
    },
}
