"""The document register's storage: the portal's private storage (no URL, root read at each use)."""

from __future__ import annotations

from protocol_portal.core.files import PrivateStorage


def document_storage() -> PrivateStorage:
    return PrivateStorage()
