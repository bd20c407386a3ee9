"""Private uploads: checked by content, stored under safe names, served only by views.

Files live under ``PRIVATE_MEDIA_ROOT``, which no URL maps to. A view that has
checked permission returns ``private_file_response``.
"""

from __future__ import annotations

import os
import uuid
from typing import IO

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.text import get_valid_filename


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT at each use: Django evaluates a FileField's callable storage
    once, at import, so a fixed location would ignore later changes (tests, restores)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL: they are served by permission-checked views.")


def private_storage() -> Storage:
    return PrivateStorage()


def sniff_content_type(upload: IO[bytes]) -> str:
    position = upload.tell()
    head = upload.read(8192)
    upload.seek(position)
    return magic.from_buffer(head, mime=True)


def validate_upload(upload) -> str:  # type: ignore[no-untyped-def]
    """Check size and type (by content, never by name); return the content type."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {limit // (1024 * 1024)} MB.",
            code="too_large",
        )
    content_type = sniff_content_type(upload)
    if content_type not in settings.UPLOAD_ALLOWED_TYPES:
        allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in settings.UPLOAD_ALLOWED_TYPES.values()}))
        raise ValidationError(
            f"The selected file must be a {allowed} (this file looks like {content_type}).",
            code="bad_type",
        )
    return content_type


def safe_upload_name(prefix: str, content_type: str) -> str:
    """A stored name chosen by us: no user text, so no traversal and no clashes."""
    extension = settings.UPLOAD_ALLOWED_TYPES.get(content_type, ".bin")
    return f"{prefix}/{uuid.uuid4().hex}{extension}"


def display_filename(original: str) -> str:
    name = get_valid_filename(original.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]) or "document"
    return name[:120]


def private_file_response(stored: FieldFile, *, filename: str, content_type: str, as_attachment: bool) -> FileResponse:
    response = FileResponse(
        stored.open("rb"),
        as_attachment=as_attachment,
        filename=display_filename(filename),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
