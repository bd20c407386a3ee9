"""Notices about complaints: one idempotent key per event and recipient, raised inside the transaction."""

from __future__ import annotations

from typing import Any

from notifications.services import notice_raise

from ..models import Complaint


def complaint_notify(*, complaint: Complaint, recipient: Any, event: str, subject: str, body: str) -> None:
    if recipient is None or recipient.pk == complaint.subject_id:
        return  # the person complained about is never told through the portal
    notice_raise(
        recipient=recipient,
        key=f"complaint:{complaint.pk}:{event}:{recipient.pk}",
        subject=f"{complaint.reference}: {subject}",
        body=body,
        url=complaint.get_absolute_url(),
    )
