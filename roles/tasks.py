"""E-mail an invitation once (idempotent: a delivered invitation is never e-mailed again)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from protocol_portal.core.audit import audited_save

from .models import Invitation


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def invitation_deliver(invitation_id: int) -> str:
    from .invitations import invitation_link, invitation_valid_days

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("person", "council", "sent_by")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            return "missing"
        if invitation.emailed_at is not None:
            return "already-sent"
        person = invitation.person
        body = render_to_string(
            "registration/invitation_email.txt",
            {
                "person": person,
                "invitation": invitation,
                "link": invitation_link(person),
                "days": invitation_valid_days(),
            },
        )
        council = invitation.council.name if invitation.council else "Protocol Portal"
        send_mail(
            f"{council}: set your password for Protocol Portal", body, settings.DEFAULT_FROM_EMAIL, [person.email]
        )
        invitation.emailed_at = timezone.now()
        audited_save(invitation, actor=None, reason="Invitation e-mailed", validate=False)
    return "sent"
