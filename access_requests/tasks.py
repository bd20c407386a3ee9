"""Periodic work: idempotent, late-acknowledged, passed nothing but dates."""

from __future__ import annotations

from celery import shared_task

from protocol_portal.core.locks import run_alone

from . import services


@shared_task(acks_late=True)
@run_alone("access_requests.send_reminders")
def access_requests_send_reminders() -> dict[str, int]:
    return services.access_requests_remind()


@shared_task(acks_late=True)
@run_alone("access_requests.grants_expire")
def access_grants_expire() -> dict[str, int]:
    """Daily: end grants past their last day and grants whose holder left the office that made them eligible."""
    return {"expired": services.grants_expire(), "office_ended": services.grants_end_with_office()}
