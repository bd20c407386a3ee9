"""Raise notices inside the caller's transaction; delivery happens after commit."""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol_portal.core.audit import audited_save

from .models import Notice

logger = logging.getLogger(__name__)


def notice_raise(*, recipient: Any, key: str, subject: str, body: str, url: str = "") -> Notice | None:
    """Record a notice for ``recipient`` once per ``key`` and send it after commit.

    Returns None when the same key was already raised (idempotent).
    """
    if recipient is None:
        return None
    if Notice.objects.filter(key=key[:200]).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: losing a race on ``key`` leaves the caller's work intact
            notice = Notice(recipient=recipient, key=key[:200], subject=subject[:200], body=body, url=url)
            audited_save(notice, actor=None, reason="Notice raised", validate=False)
    except IntegrityError:
        return None  # raised at the same moment by another request: it is recorded once
    notice_id = notice.pk
    transaction.on_commit(lambda: notice_enqueue(notice_id))
    return notice


def notice_enqueue(notice_id: int, *, sweep: bool = False) -> bool:
    """Hand a committed notice to the broker. If the broker is down the row stays unsent
    and ``notices_redeliver_pending`` (beat) enqueues it again later: nothing is lost."""
    from protocol_portal.core.enqueue import enqueue

    from .tasks import notice_deliver

    return enqueue(notice_deliver, notice_id, sweep=sweep)


def notice_mark_read(*, user: Any, notice: Notice) -> Notice:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        audited_save(notice, actor=user, reason="Marked as read", validate=False)
    return notice
