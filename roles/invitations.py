"""Invitations: a person added with an e-mail address is sent a link to set their password.

The link is Django's password-reset token (signed, tied to the person's current password, so it stops
working once used, and it expires after ``PASSWORD_RESET_TIMEOUT``). Each invitation sent is a row with
who sent it; the e-mail goes out after commit through an idempotent task.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from protocol_portal.core.audit import audited_save

from .models import Council, Invitation, Person


def invitation_link(person: Person) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    return settings.PORTAL_BASE_URL + reverse("invitation-accept", args=[uid, token])


def invitation_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def invitation_send(*, person: Person, actor: Any, council: Council | None = None, reason: str = "") -> Invitation:
    """Record an invitation and e-mail it after commit; a resend is a new invitation."""
    if not person.email:
        raise ValidationError("Add an e-mail address for this person before sending an invitation.")
    if not person.is_active:
        raise ValidationError("This person's account is switched off, so they cannot be invited.")
    if person.has_usable_password():
        raise ValidationError(f"{person} already has a password. They can use 'Forgotten your password?'.")
    from .tasks import invitation_deliver

    with transaction.atomic():
        invitation = audited_save(
            Invitation(person=person, council=council, sent_by=actor if getattr(actor, "pk", None) else None),
            actor=actor,
            reason=reason or "Invitation sent",
        )
        invitation_id = invitation.pk
        transaction.on_commit(lambda: invitation_deliver.delay(invitation_id))
    return invitation


def invitation_accepted(*, person: Person) -> int:
    """Mark the person's open invitations accepted (they have just set their password)."""
    now = timezone.now()
    count = 0
    open_invitations = Invitation.objects.filter(person=person, accepted_at__isnull=True)
    for invitation in open_invitations.select_for_update(of=("self",), no_key=True):
        invitation.accepted_at = now
        audited_save(invitation, actor=person, reason="Invitation accepted: password set", validate=False)
        count += 1
    return count


def person_latest_invitation(*, person: Person) -> Invitation | None:
    return Invitation.objects.filter(person=person).select_related("sent_by").first()
