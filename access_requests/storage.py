"""Private storage for the document register that reads PRIVATE_MEDIA_ROOT at each use.

Django evaluates a FileField's callable storage once, at import, so the core
``private_storage`` keeps the root it saw first; reading the setting lazily keeps
files under the configured root even when it changes (tests, restored backups).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class LazyPrivateStorage(FileSystemStorage):
    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private documents have no URL: they are served by permission-checked views.")


def document_storage() -> LazyPrivateStorage:
    return LazyPrivateStorage()
