"""Grants: a django-guardian object permission for one councillor on one document, maybe until a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from protocol_portal.core.audit import audited_save
from roles.models import today

from ..models import AccessLogEntry, AccessPolicy, AccessRequest, Document, Grant

INSPECT = "access_requests.inspect_document"
COPY = "access_requests.copy_document"


def grant_create(
    *, actor: Any, access_request: AccessRequest, can_copy: bool, expires_on: date | None, reason: str
) -> Grant:
    """Give the requester the object permission(s) on the document; called inside the decision's transaction."""
    document = access_request.document
    assert document is not None  # described-information requests are answered, not granted
    policy = AccessPolicy.objects.filter(council_id=access_request.council_id).first()
    grant = Grant(
        request=access_request,
        person=access_request.requester,
        document=document,
        can_copy=can_copy,
        expires_on=expires_on,
        undertaking_text=policy.undertaking_text
        if policy
        else AccessPolicy._meta.get_field("undertaking_text").default,
    )
    audited_save(grant, actor=actor, reason=reason)
    assign_perm(INSPECT, access_request.requester, document)
    if can_copy:
        assign_perm(COPY, access_request.requester, document)
    return grant


def grant_accept_undertaking(*, actor: Any, grant: Grant) -> Grant:
    """The grantee accepts the undertaking (TW 3.7) before opening the document; idempotent."""
    with transaction.atomic():
        grant = Grant.objects.select_for_update().get(pk=grant.pk)
        if actor is None or grant.person_id != actor.pk:
            raise PermissionDenied("Only the councillor granted access accepts the undertaking.")
        if grant.revoked_at is not None or (grant.expires_on is not None and grant.expires_on < today()):
            raise ValidationError("This grant has ended: there is no undertaking to accept.")
        if grant.undertaking_accepted_at is None:
            grant.undertaking_accepted_at = timezone.now()
            audited_save(
                grant, actor=actor, reason="Undertaking accepted (use only for the stated purpose; no disclosure)"
            )
    return grant


def _sync_permissions(person: Any, document: Document) -> None:
    """Object permissions mirror the person's live grants on the document."""
    on = today()
    live = Grant.objects.filter(person=person, document=document, revoked_at__isnull=True).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    )
    if not live.exists():
        remove_perm(INSPECT, person, document)
    if not live.filter(can_copy=True).exists():
        remove_perm(COPY, person, document)


def grant_revoke(*, actor: Any, grant: Grant, reason: str) -> Grant:
    with transaction.atomic():
        grant = Grant.objects.select_for_update().select_related("person", "document").get(pk=grant.pk)
        if grant.revoked_at is None:
            grant.revoked_at = timezone.now()
            audited_save(grant, actor=actor, reason=reason)
        _sync_permissions(grant.person, grant.document)
    return grant


def grants_expire(*, on: date | None = None) -> int:
    """Revoke grants past their last day; idempotent (a revoked grant is skipped)."""
    on = on or today()
    count = 0
    for grant in Grant.objects.filter(revoked_at__isnull=True, expires_on__lt=on):
        grant_revoke(actor=None, grant=grant, reason=f"Grant expired on {grant.expires_on:%-d %B %Y}")
        count += 1
    return count


def access_log_record(
    *, person: Any, document: Document, grant: Grant | None, action: str, via: str
) -> AccessLogEntry | None:
    """Every view or download of a non-public document is on record (who, what, when, which grant)."""
    if document.is_public:
        return None
    entry = AccessLogEntry(document=document, person=person, grant=grant, action=action, via=via)
    audited_save(entry, actor=person, reason=f"Document {entry.get_action_display().lower()}", validate=False)
    return entry
