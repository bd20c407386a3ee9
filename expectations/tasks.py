"""Periodic work of the expectations app (idempotent: the notice key names protocol and period)."""

from __future__ import annotations

from celery import shared_task

from protocol_portal.core.locks import run_alone


@shared_task(acks_late=True)
@run_alone("expectations.protocol_reviews_remind")
def protocol_reviews_remind_task() -> dict[str, int]:
    from .services import protocol_reviews_remind

    return protocol_reviews_remind()


@shared_task(acks_late=True)
@run_alone("expectations.acknowledgements_request")
def acknowledgements_request_task() -> int:
    from .services import acknowledgements_request_all

    return acknowledgements_request_all()
