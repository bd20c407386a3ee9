"""Periodic work: conduct case reminders and interest registration reminders (idempotent notice keys)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def standards_check_deadlines() -> dict[str, int]:
    from .services import conduct_deadlines_process, interest_returns_remind

    return {**conduct_deadlines_process(), "interest_returns": interest_returns_remind()}
