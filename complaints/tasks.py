"""Periodic work: deadline reminders and overdue escalation (idempotent: notice keys name each deadline)."""

from __future__ import annotations

from celery import shared_task

from protocol_portal.core.locks import run_alone


@shared_task(acks_late=True)
@run_alone("complaints.check_deadlines")
def complaints_check_deadlines() -> dict[str, int]:
    from .services import complaints_deadlines_process

    return complaints_deadlines_process()
