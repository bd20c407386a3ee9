"""The document register, meetings and the council's access rules: maintained by its administrators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from protocol_portal.core.audit import audited_save
from protocol_portal.core.files import safe_upload_name, sniff_content_type, validate_upload
from roles.models import Council, Office

from .. import permissions
from ..models import AccessPolicy, AccessRule, AgendaItem, Document, Meeting


def meeting_save(*, actor: Any, meeting: Meeting, reason: str = "Meeting recorded") -> Meeting:
    permissions.document_manage_check(actor, meeting.council)
    if meeting.committee_id and meeting.committee.council_id != meeting.council_id:  # type: ignore[union-attr]
        raise ValidationError({"committee": "Choose a committee of this council."})
    return audited_save(meeting, actor=actor, reason=reason)


def agenda_item_save(*, actor: Any, item: AgendaItem, reason: str = "Agenda item recorded") -> AgendaItem:
    permissions.document_manage_check(actor, item.meeting.council)
    return audited_save(item, actor=actor, reason=reason)


def _check_links(
    council: Council, owner_office: Office, meeting: Meeting | None, agenda_item: AgendaItem | None
) -> None:
    errors = {}
    if owner_office.council_id != council.pk or owner_office.kind != Office.Kind.OFFICER:
        errors["owner_office"] = "Choose an officer post of this council as the owner."
    if meeting is not None and meeting.council_id != council.pk:
        errors["meeting"] = "Choose a meeting of this council."
    if agenda_item is not None and (meeting is None or agenda_item.meeting_id != meeting.pk):
        errors["agenda_item"] = "Choose an item on the agenda of the chosen meeting."
    if errors:
        raise ValidationError(errors)


def document_upload(
    *,
    actor: Any,
    council: Council,
    title: str,
    classification: str,
    category: str,
    owner_office: Office,
    upload: Any,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    matters: str = "",
    check_permission: bool = True,
) -> Document:
    """Add a document to the register; the file goes to private storage under a name we choose."""
    if check_permission:
        permissions.document_manage_check(actor, council)
    _check_links(council, owner_office, meeting, agenda_item)
    try:
        content_type = validate_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    document = Document(
        council=council,
        title=title.strip(),
        classification=classification,
        category=category,
        owner_office=owner_office,
        meeting=meeting,
        agenda_item=agenda_item,
        matters=matters.strip(),
        content_type=content_type,
        original_filename=(getattr(upload, "name", "") or "document")[:200],
    )
    with transaction.atomic():
        upload.seek(0)
        document.file.save(safe_upload_name(f"documents/{council.slug}", content_type), upload, save=False)
        audited_save(document, actor=actor, reason="Document added to the register")
    return document


def document_update(*, actor: Any, document: Document, values: dict[str, Any], reason: str) -> Document:
    """Change a document's metadata (not its file: a new file is a new register entry)."""
    permissions.document_manage_check(actor, document.council)
    for name, value in values.items():
        setattr(document, name, value)
    _check_links(document.council, document.owner_office, document.meeting, document.agenda_item)
    return audited_save(document, actor=actor, reason=reason or "Document details changed")


def demo_file(content: bytes, name: str) -> ContentFile:
    upload = ContentFile(content, name=name)
    sniff_content_type(upload)  # the same check as a browser upload
    return upload


def access_rule_save(
    *,
    actor: Any,
    council: Council,
    kind: str,
    enabled: bool,
    clause_number: str = "",
    categories: str = "",
    note: str = "",
    reason: str = "",
    check_permission: bool = True,
) -> AccessRule:
    """Create or change one of the council's access rules (data, not code)."""
    if check_permission:
        permissions.document_manage_check(actor, council)
    rule = AccessRule.objects.filter(council=council, kind=kind).first() or AccessRule(council=council, kind=kind)
    rule.enabled = enabled
    rule.clause_number = clause_number.strip()
    rule.categories = categories.strip()
    rule.note = note.strip()
    return audited_save(rule, actor=actor, reason=reason or "Access rule changed")


def access_policy_save(
    *, actor: Any, council: Council, values: dict[str, Any], reason: str = "", check_permission: bool = True
) -> AccessPolicy:
    if check_permission:
        permissions.document_manage_check(actor, council)
    policy = AccessPolicy.objects.filter(council=council).first() or AccessPolicy(council=council)
    for name, value in values.items():
        setattr(policy, name, value)
    levels = set(policy.decider_level_list())
    unknown = levels - set(Office.ManagementLevel.values)
    if unknown:
        raise ValidationError({"decider_levels": f"Unknown management levels: {', '.join(sorted(unknown))}."})
    return audited_save(policy, actor=actor, reason=reason or "Access policy changed")
