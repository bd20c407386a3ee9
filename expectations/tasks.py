"""Periodic work of the expectations app (idempotent: the notice key names protocol and period)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def protocol_reviews_remind_task() -> dict[str, int]:
    from .services import protocol_reviews_remind

    return protocol_reviews_remind()


@shared_task(acks_late=True)
def acknowledgements_request_task() -> int:
    from .services import acknowledgements_request_all

    return acknowledgements_request_all()
