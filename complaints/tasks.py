"""Periodic work: deadline reminders and overdue escalation (idempotent: notice keys name each deadline)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def complaints_check_deadlines() -> dict[str, int]:
    from .services import complaints_deadlines_process

    return complaints_deadlines_process()
