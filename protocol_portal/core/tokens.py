"""API tokens (django-rest-knox): expiring, one per device, listed and revoked by their owner.

Every token write leaves a history row on the person (who, why); tokens are credentials,
stored only as digests, so the token rows themselves keep no history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from protocol_portal.core.audit import audited_save

from .models import ApiTokenDevice


def api_token_issue(*, person: Any, device: str = "", address: str | None = None) -> tuple[AuthToken, str]:
    """A new token for ``person`` on ``device``: returns the row and the token text (shown once)."""
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and api_tokens_of(person=person).count() >= limit:
        raise ValidationError(
            f"You already have {limit} API tokens: revoke one you no longer use (Your API tokens) first."
        )
    with transaction.atomic():
        instance, text = AuthToken.objects.create(user=person)
        ApiTokenDevice.objects.create(
            digest=instance.digest, person=person, name=(device or "").strip()[:100], address=address
        )
        audited_save(
            person, actor=person, reason=f"API token issued ({device.strip() or 'unnamed device'})", validate=False
        )
    return instance, text


def api_tokens_of(*, person: Any) -> QuerySet[AuthToken]:
    """The person's tokens that have not expired, newest first."""
    return AuthToken.objects.filter(user=person).exclude(expiry__lt=timezone.now()).order_by("-created")


def api_token_listing(*, person: Any) -> list[dict[str, Any]]:
    """The person's live tokens with the device each was issued to (for their tokens page)."""
    tokens = list(api_tokens_of(person=person))
    devices = {d.digest: d for d in ApiTokenDevice.objects.filter(digest__in=[t.digest for t in tokens])}
    return [{"token": t, "device": devices.get(t.digest)} for t in tokens]


def api_token_revoke(*, actor: Any, token_key: str, reason: str = "Revoked by its owner") -> None:
    """Revoke one token (by its public key prefix); only its owner may."""
    with transaction.atomic():
        tokens = AuthToken.objects.filter(token_key=token_key).select_related("user")
        token = tokens.select_for_update(of=("self",)).first()
        if token is None or token.user_id != actor.pk:
            raise PermissionDenied("That token is not one of yours, or it has already been revoked.")
        person = token.user
        ApiTokenDevice.objects.filter(digest=token.digest).delete()
        token.delete()
        audited_save(person, actor=actor, reason=f"API token {token_key} revoked: {reason}", validate=False)


def token_expiry_text(expiry: datetime | None) -> str:
    return "never" if expiry is None else timezone.localtime(expiry).strftime("%-d %B %Y %H:%M")
