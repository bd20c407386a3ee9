"""Subject-access exports and the retention schedule."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from protocol_portal.core.audit import audited_save
from protocol_portal.core.retention import retention_handlers
from roles.models import Council, Person

from .models import LegalHold, RetentionLogEntry, RetentionRule, SubjectAccessExport, SubjectAccessRequest
from .permissions import privacy_check
from .providers import records_about
from .subject_access import complaint_rows_decide, not_about_yourself, third_parties


def subject_access_export(
    *, actor: Any, council: Council, subject: Person, reason: str, request: SubjectAccessRequest | None = None
) -> tuple[SubjectAccessExport, bytes]:
    """A zip of what the portal holds about ``subject`` in ``council``, for the clerk or MO to review and redact.

    Never prepared by the person it is about; open complaints about them are held back and closed ones
    have the complainant redacted (the decisions are recorded on the export); third parties are listed.
    """
    privacy_check(actor, council)
    not_about_yourself(actor, subject)
    if request is not None and (request.subject_id != subject.pk or request.council_id != council.pk):
        raise ValidationError("That subject access request is for someone else or another council.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the export is made (e.g. the request's reference)."})
    sections, withheld = complaint_rows_decide(records_about(subject, council), subject)
    review = third_parties(sections, subject)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "person.json",
            json.dumps(
                {
                    "username": subject.username,
                    "name": subject.get_full_name(),
                    "display_name": subject.display_name,
                    "email": subject.email,
                    "phone": subject.phone,
                },
                indent=1,
            ),
        )
        for label, rows in sections.items():
            archive.writestr(f"records/{label}.json", json.dumps(rows, indent=1, cls=DjangoJSONEncoder))
        archive.writestr("third_parties.json", json.dumps(review, indent=1, cls=DjangoJSONEncoder))
        archive.writestr("withheld.json", json.dumps(withheld, indent=1))
        archive.writestr(
            "README.txt",
            f"Subject access export for {subject} ({subject.username}) held by {council.name}.\n"
            f"Made {timezone.now():%-d %B %Y %H:%M} by {actor} because: {reason}\n\n"
            "Each file in records/ lists the rows of one kind of record that name this person,\n"
            "including the audit history rows.\n\n"
            f"BEFORE RELEASE: third_parties.json lists {len(review)} mention(s) of other people; review and\n"
            "redact them. withheld.json records what was held back and why (complaints about the person\n"
            "are withheld while open and released with the complainant's identity redacted once closed).\n",
        )
    with transaction.atomic():
        export = audited_save(
            SubjectAccessExport(
                council=council,
                subject=subject,
                exported_by=actor,
                reason=reason,
                sections={label: len(rows) for label, rows in sections.items()},
                request=request,
                withheld=withheld,
            ),
            actor=actor,
            reason=f"Subject access export: {reason}"
            + (f"; {len(withheld)} complaint decision(s) recorded" if withheld else ""),
        )
        if request is not None and request.state == SubjectAccessRequest.State.RECEIVED:
            request.state = SubjectAccessRequest.State.PREPARED
            audited_save(request, actor=actor, reason="Export prepared for review and redaction")
    return export, buffer.getvalue()


def retention_rule_save(*, actor: Any, rule: RetentionRule, reason: str = "Retention rule saved") -> RetentionRule:
    privacy_check(actor, rule.council)
    if rule.record_type not in retention_handlers():
        raise ValidationError({"record_type": "Unknown record type."})
    with transaction.atomic():
        return audited_save(rule, actor=actor, reason=reason)


def legal_hold_place(*, actor: Any, hold: LegalHold) -> LegalHold:
    privacy_check(actor, hold.council)
    hold.placed_by = actor
    hold.placed_on = hold.placed_on or timezone.localdate()
    with transaction.atomic():
        return audited_save(hold, actor=actor, reason=f"Legal hold placed: {hold.reason[:200]}")


def legal_hold_lift(*, actor: Any, hold: LegalHold, reason: str) -> LegalHold:
    privacy_check(actor, hold.council)
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update(of=("self",), no_key=True).get(pk=hold.pk)
        if locked.lifted_on is not None:
            raise ValidationError("This hold has already been lifted.")
        locked.lifted_on = timezone.localdate()
        return audited_save(locked, actor=actor, reason=f"Legal hold lifted: {reason}")


def _held(rule: RetentionRule, on: date) -> tuple[bool, set[int]]:
    holds = LegalHold.objects.filter(council=rule.council, record_type=rule.record_type, placed_on__lte=on).exclude(
        lifted_on__lte=on
    )
    whole_type = holds.filter(object_id__isnull=True).exists()
    return whole_type, {pk for pk in holds.values_list("object_id", flat=True) if pk is not None}


def retention_apply(*, on: date | None = None) -> list[RetentionLogEntry]:
    """Anonymise or delete closed records past their council's retention period, except those on hold."""
    on = on or timezone.localdate()
    handlers = retention_handlers()
    applied: list[RetentionLogEntry] = []
    for rule in RetentionRule.objects.filter(active=True).select_related("council"):
        handler = handlers.get(rule.record_type)
        if handler is None:
            continue
        whole_type_held, held_ids = _held(rule, on)
        if whole_type_held:
            continue
        cutoff = on - timedelta(days=rule.retain_days)
        for record in handler.closed_before(rule.council, cutoff).exclude(pk__in=held_ids):
            try:
                with transaction.atomic():
                    entry = RetentionLogEntry(
                        council=rule.council,
                        record_type=rule.record_type,
                        object_id=record.pk,
                        action=rule.action,
                        closed_on=getattr(record, "closed_on", None),
                        summary=str(record)[:300],
                    )
                    audited_save(entry, actor=None, reason=f"Retention: {rule}", validate=False)
                    action = handler.anonymise if rule.action == RetentionRule.Action.ANONYMISE else handler.delete
                    action(record, reason=f"Retention schedule: {rule.retain_days} days after closure")
            except IntegrityError:
                continue  # already applied by an earlier run: idempotent
            applied.append(entry)
    return applied
