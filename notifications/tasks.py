"""Deliver notices by e-mail, at most once per claim: claim (committed), send, mark sent.

1. Claim: lock the notice row (``of=("self",)``, so the recipient is not locked,
   ``skip_locked`` so a second worker moves on), check it is neither sent nor
   claimed by a live delivery, record the claim, commit.
2. Send the e-mail, outside any transaction.
3. Mark it sent; database errors here are retried with backoff in-process,
   because the e-mail has gone and the mark must not be lost.

A notice already marked sent is never sent again. The only window for a second
e-mail is a crash (or a database outage longer than the retries) between 2 and
3: the claim then expires after ``NOTICE_CLAIM_TIMEOUT_SECONDS`` and the sweep
sends it again, once, and the history says why.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, transaction
from django.utils import timezone

from protocol_portal.core.audit import audited_save
from protocol_portal.core.locks import run_alone

from .models import Notice

logger = logging.getLogger(__name__)


def notice_claim(notice_id: int) -> tuple[str, Notice | None]:
    """Claim the notice for this delivery (committed before anything is sent)."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTICE_CLAIM_TIMEOUT_SECONDS)
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(of=("self",), no_key=True, skip_locked=True)
            .select_related("recipient")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            return ("missing" if not Notice.objects.filter(pk=notice_id).exists() else "busy"), None
        if notice.sent_at is not None:
            return "already-sent", None
        if notice.claimed_at is not None and notice.claimed_at > stale:
            return "in-flight", None
        reason = "Claimed for delivery"
        if notice.claimed_at is not None:
            reason = "Claimed again: an earlier delivery did not finish (its e-mail may or may not have gone)"
        notice.claimed_at = now
        notice.attempts += 1
        audited_save(notice, actor=None, reason=reason, validate=False)
    return "claimed", notice


def _retry_db(action, *, tries: int = 6, first_wait: float = 0.2):  # type: ignore[no-untyped-def]
    for attempt in range(tries):
        try:
            return action()
        except DatabaseError:
            if attempt == tries - 1:
                raise
            logger.warning("Database error marking a notice sent; retrying", exc_info=True)
            time.sleep(first_wait * (2**attempt))
    return None


def notice_mark_sent(notice_id: int, *, note: str = "") -> None:
    def mark() -> None:
        with transaction.atomic():
            notice = Notice.objects.select_for_update(of=("self",), no_key=True).get(pk=notice_id)
            if notice.sent_at is not None:
                return
            notice.sent_at = timezone.now()
            notice.claimed_at = None
            notice.last_error = note
            audited_save(notice, actor=None, reason="Notice delivered", validate=False)

    _retry_db(mark)


def notice_release(notice_id: int, *, error: str) -> None:
    """Give the claim back after a failed send, so a retry can send it."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update(of=("self",), no_key=True).get(pk=notice_id)
        if notice.sent_at is None:
            notice.claimed_at = None
            notice.last_error = error[:500]
            audited_save(notice, actor=None, reason="Delivery failed; will retry", validate=False)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError, DatabaseError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def notice_deliver(notice_id: int) -> str:
    outcome, notice = notice_claim(notice_id)
    if notice is None:
        return outcome
    email = notice.recipient.email
    if email:
        link = f"\n\n{settings.PORTAL_BASE_URL}{notice.url}" if notice.url else ""
        try:
            send_mail(notice.subject, notice.body + link, settings.DEFAULT_FROM_EMAIL, [email])
        except Exception as exc:
            notice_release(notice_id, error=f"{type(exc).__name__}: {exc}")
            raise
    notice_mark_sent(notice_id, note="" if email else "Recipient has no e-mail address; shown in the portal only.")
    return "sent"


@shared_task(acks_late=True, ignore_result=True)
@run_alone("notifications.redeliver_pending", expires_after=600)
def notices_redeliver_pending(older_than_seconds: int = 60) -> int:
    """Safety net (beat, every minute): re-enqueue notices whose delivery never completed
    (broker outage, crash). Enqueuing twice is harmless: delivery claims before sending."""
    from .services import notice_enqueue

    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(Notice.objects.filter(sent_at__isnull=True, created_at__lte=cutoff).values_list("pk", flat=True)[:500])
    enqueued = 0
    for notice_id in ids:
        if not notice_enqueue(notice_id, sweep=True):
            break  # the broker is still down: the next sweep tries again
        enqueued += 1
    return enqueued
