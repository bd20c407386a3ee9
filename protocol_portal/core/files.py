"""Private uploads: checked by content, stored under safe names, served only by views.

Files live in the S3 bucket named by ``PRIVATE_STORAGE_BUCKET`` when it is set (every
app server and worker then sees the same files), otherwise under ``PRIVATE_MEDIA_ROOT``
(the embedded default). Neither has a URL: a view that has checked permission returns
``private_file_response``.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.text import get_valid_filename

NO_URL = "Private files have no URL: they are served by permission-checked views."


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise ValueError(NO_URL)


@functools.lru_cache(maxsize=8)
def _s3_storage(bucket: str) -> Storage:
    from storages.backends.s3 import S3Storage

    class PrivateS3Storage(S3Storage):
        """Objects are private (no ACL, no signed URLs), encrypted at rest, never overwritten."""

        def url(self, name: str, parameters: Any = None, expire: Any = None, http_method: Any = None) -> str:
            raise ValueError(NO_URL)

    encryption: dict[str, str] = {"ServerSideEncryption": settings.PRIVATE_STORAGE_ENCRYPTION}
    if settings.PRIVATE_STORAGE_KMS_KEY_ID:
        encryption["SSEKMSKeyId"] = settings.PRIVATE_STORAGE_KMS_KEY_ID
    return PrivateS3Storage(
        bucket_name=bucket,
        location=settings.PRIVATE_STORAGE_PREFIX,
        default_acl=None,
        querystring_auth=False,
        file_overwrite=False,
        object_parameters=encryption,
    )


@functools.lru_cache(maxsize=8)
def _local_storage(root: str) -> Storage:
    return PrivateFileSystemStorage(location=root)


def private_backend() -> Storage:
    """The storage in use now: read from settings at each call (tests and restores change them)."""
    bucket = getattr(settings, "PRIVATE_STORAGE_BUCKET", "")
    if bucket:
        return _s3_storage(bucket)
    return _local_storage(os.path.abspath(str(settings.PRIVATE_MEDIA_ROOT)))


class PrivateStorage(Storage):
    """What every private FileField uses. Django evaluates a field's callable storage once, at
    import, so this object decides S3 or local folder at each use instead of once."""

    def _open(self, name: str, mode: str = "rb") -> File:
        return private_backend().open(name, mode)

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        return private_backend().save(name, content, max_length=max_length)

    def _save(self, name: str, content: Any) -> str:  # Storage.save is delegated whole; kept for completeness
        return private_backend().save(name, content)

    def delete(self, name: str) -> None:
        private_backend().delete(name)

    def exists(self, name: str) -> bool:
        return private_backend().exists(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return private_backend().listdir(path)

    def size(self, name: str) -> int:
        return private_backend().size(name)

    def path(self, name: str) -> str:
        return private_backend().path(name)  # local folder only; S3 has no path

    def url(self, name: str | None) -> str:
        raise ValueError(NO_URL)

    def get_modified_time(self, name: str) -> datetime:
        return private_backend().get_modified_time(name)

    def get_valid_name(self, name: str) -> str:
        return private_backend().get_valid_name(name)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return private_backend().get_available_name(name, max_length=max_length)

    def generate_filename(self, filename: str | os.PathLike[str]) -> str:
        return private_backend().generate_filename(filename)

    @property
    def location(self) -> str:
        """The local folder in use (empty when files are in a bucket)."""
        backend = private_backend()
        return getattr(backend, "location", "") if isinstance(backend, FileSystemStorage) else ""


def private_storage() -> Storage:
    return PrivateStorage()


def private_files_walk(storage: Storage | None = None, top: str = "") -> Iterator[str]:
    """Every stored name (relative, '/'-separated), in a stable order, in either backend."""
    storage = storage or private_backend()
    if not top and isinstance(storage, FileSystemStorage) and not os.path.isdir(storage.location):
        return
    directories, files = storage.listdir(top)
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for directory in sorted(directories):
        yield from private_files_walk(storage, f"{top}/{directory}" if top else directory)


def private_files_delete_on_commit(names: list[str]) -> None:
    """Remove stored files once the transaction that deleted their rows has committed."""
    from django.db import transaction

    def delete() -> None:
        storage = private_backend()
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete)


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
