"""Notices about a conduct case: one idempotent key per event and recipient, raised inside the transaction."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction

from notifications.services import notice_raise

from ..models import ConductComplaint


def conduct_notify(*, case: ConductComplaint, recipient: Any, event: str, subject: str, body: str) -> None:
    if recipient is None:
        return
    notice_raise(
        recipient=recipient,
        key=f"conduct:{case.pk}:{event}:{recipient.pk}",
        subject=f"{case.reference}: {subject}",
        body=body,
        url=case.get_absolute_url(),
    )


def conduct_tell_complainant(*, case: ConductComplaint, event: str, subject: str, body: str) -> None:
    """The complainant in the portal gets a notice; a resident known only by e-mail gets an e-mail."""
    if case.complainant_id:
        conduct_notify(case=case, recipient=case.complainant, event=event, subject=subject, body=body)
    elif case.complainant_email:
        address, title = case.complainant_email, f"{case.reference}: {subject}"
        transaction.on_commit(lambda: send_mail(title, body, None, [address], fail_silently=True))
