"""Periodic and on-commit work of the core app."""

from __future__ import annotations

from celery import shared_task

from .audit_chain import seal_pending


@shared_task(acks_late=True, ignore_result=True)
def audit_seal_pending() -> int:
    """Seal pending history rows (enqueued on commit and run by beat every minute).

    Single-flight and idempotent: a run that finds another sealer working returns at once,
    and rows already sealed are never sealed again.
    """
    return seal_pending().sealed
