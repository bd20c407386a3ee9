"""Enqueue and deliver notices by e-mail: idempotent, retried with backoff, marked sent once.

The services raise notices and call ``notice_enqueue`` after commit; nothing here imports the services.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from protocol_portal.core.audit import audited_save

from .models import Notice

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def notice_deliver(notice_id: int) -> str:
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").filter(pk=notice_id).first()
        if notice is None:
            return "missing"
        if notice.sent_at is not None:
            return "already-sent"
        notice.attempts += 1
        email = notice.recipient.email
        if email:
            link = f"\n\n{settings.PORTAL_BASE_URL}{notice.url}" if notice.url else ""
            send_mail(notice.subject, notice.body + link, settings.DEFAULT_FROM_EMAIL, [email])
        notice.sent_at = timezone.now()
        notice.last_error = "" if email else "Recipient has no e-mail address; shown in the portal only."
        audited_save(notice, actor=None, reason="Notice delivered", validate=False)
    return "sent"


@shared_task(acks_late=True)
def notices_redeliver_pending(older_than_seconds: int = 120) -> int:
    """Safety net: re-enqueue notices whose delivery never completed (broker outage, crash).

    Enqueuing twice is harmless: delivery locks the row and sends only if unsent.
    """
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(Notice.objects.filter(sent_at__isnull=True, created_at__lte=cutoff).values_list("pk", flat=True)[:500])
    return sum(notice_enqueue(notice_id) for notice_id in ids)


def notice_enqueue(notice_id: int) -> bool:
    """Hand a committed notice to the broker. If the broker is down the row stays unsent
    and ``notices_redeliver_pending`` (beat) enqueues it again later: nothing is lost."""
    try:
        notice_deliver.delay(notice_id)
    except Exception:  # noqa: BLE001 - any broker failure leaves the outbox row for redelivery
        logger.warning("Broker unavailable; notice %s left in the outbox for redelivery", notice_id, exc_info=True)
        return False
    return True
