from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from protocol_portal.core.audit import audited_save
from protocol_portal.core.files import display_filename, safe_upload_name, validate_upload

from ..models import Complaint, ComplaintAttachment, ComplaintEvent
from ..permissions import complaint_check


def attachments_validate(uploads: list[Any]) -> list[str]:
    """Check every upload before anything is written; field-keyed error on the first bad one."""
    types = []
    for upload in uploads:
        try:
            types.append(validate_upload(upload))
        except ValidationError as exc:
            raise ValidationError({"attachments": f"{display_filename(upload.name)}: {exc.messages[0]}"}) from exc
    return types


def attachments_store(*, actor: Any, complaint: Complaint, uploads: list[Any], types: list[str]) -> None:
    for upload, content_type in zip(uploads, types, strict=True):
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=display_filename(upload.name),
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(safe_upload_name(f"complaints/{complaint.pk}", content_type), upload, save=False)
        audited_save(attachment, actor=actor, reason="Evidence attached", validate=False)
        event = ComplaintEvent(
            complaint=complaint, kind=ComplaintEvent.Kind.ATTACHMENT, actor=actor, text=attachment.original_name
        )
        audited_save(event, actor=actor, reason="Evidence attached", validate=False)


def complaint_attachment_add(*, actor: Any, complaint: Complaint, upload: Any) -> ComplaintAttachment:
    from django.db import transaction

    complaint_check(actor, "attach", complaint)
    types = attachments_validate([upload])
    with transaction.atomic():
        attachments_store(actor=actor, complaint=complaint, uploads=[upload], types=types)
    return complaint.attachments.order_by("-id").first()  # type: ignore[return-value]
