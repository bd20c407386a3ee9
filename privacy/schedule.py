"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "privacy-retention-apply": {"task": "privacy.tasks.retention_apply_due", "schedule": crontab(hour=2, minute=30)},
}
