"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by the settings."""

from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}
