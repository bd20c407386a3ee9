"""Grants: a django-guardian object permission for one councillor on one document, maybe until a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from protocol_portal.core.system import actor_required, system_act_check, system_actor
from protocol_portal.core.workdays import today
from roles.models import Office
from roles.selectors import appointments_current

from .. import permissions
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
    eligible = (
        appointments_current()
        .filter(person=access_request.requester, office__council_id=access_request.council_id)
        .filter(office__kind=Office.Kind.MEMBER)
        .order_by("start_date")
        .first()
    )
    grant = Grant(
        request=access_request,
        eligible_office=eligible.office if eligible else None,
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
        grant = Grant.objects.select_for_update(of=("self",), no_key=True).get(pk=grant.pk)
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
    live = permissions.live_grants().filter(person=person, document=document)
    if not live.exists():
        remove_perm(INSPECT, person, document)
    if not live.filter(can_copy=True).exists():
        remove_perm(COPY, person, document)


def _end(*, actor: Any, grant: Grant, reason: str, notice_subject: str) -> Grant:
    """Revoke inside one transaction on the locked row; tell the grantee once (idempotent key)."""
    with transaction.atomic():
        grant = (
            Grant.objects.select_for_update(of=("self",), no_key=True)
            .select_related("person", "document")
            .get(pk=grant.pk)
        )
        if grant.revoked_at is None:
            grant.revoked_at = timezone.now()
            grant.revoked_by = actor
            grant.revocation_reason = reason
            audited_save(grant, actor=actor, reason=reason)
            notice_raise(
                recipient=grant.person,
                key=f"grant:{grant.pk}:ended",
                subject=f"{notice_subject}: {grant.document.title}",
                body=f"Your access to '{grant.document.title}' has ended.\nReason: {reason}\n"
                "You can make a new request if you still need it.",
                url=reverse("access_requests:request-detail", args=[grant.request_id]),
            )
        _sync_permissions(grant.person, grant.document)
    return grant


def grant_revoke(*, actor: Any, grant: Grant, reason: str) -> Grant:
    """The deciding officers, the Monitoring Officer or an administrator end a grant, saying why."""
    actor_required(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for revoking the grant: the councillor is told it."})
    permissions.grant_revoke_check(actor, grant)
    if grant.revoked_at is not None:
        raise ValidationError("This grant has already ended.")
    return _end(actor=actor, grant=grant, reason=reason, notice_subject="Your access has been revoked")


def grants_expire(*, on: date | None = None) -> int:
    """Revoke grants past their last day; idempotent (a revoked grant is skipped)."""
    on = on or today()
    actor = system_actor()
    system_act_check(actor, "grant.expire")
    count = 0
    for grant in Grant.objects.filter(revoked_at__isnull=True, expires_on__lt=on):
        _end(
            actor=actor,
            grant=grant,
            reason=f"Grant expired on {grant.expires_on:%-d %B %Y}",
            notice_subject="Your access has expired",
        )
        count += 1
    return count


def grants_end_with_office(*, on: date | None = None) -> int:
    """End grants whose grantee no longer holds a member office of the council; idempotent.

    Reading already refuses such grants (``permissions.live_grants``); this records the end,
    removes the object permissions and tells the councillor.
    """
    on = on or today()
    actor = system_actor()
    system_act_check(actor, "grant.end_with_office")
    lapsed = (
        Grant.objects.filter(revoked_at__isnull=True)
        .exclude(pk__in=permissions.live_grants(on=on).values("pk"))
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .select_related("person", "document__council", "eligible_office")
    )
    count = 0
    for grant in lapsed:
        office = grant.eligible_office.name if grant.eligible_office else "a member office"
        _end(
            actor=actor,
            grant=grant,
            reason=f"{grant.person} no longer holds {office} of {grant.document.council}, "
            "the office that made them eligible",
            notice_subject="Your access has ended with your office",
        )
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
