"""Readiness: can this app server reach everything a request may need?

Each check returns quickly (short timeouts) and reports only its outcome and duration;
the reason for a failure goes to the log, not to the unauthenticated caller.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.db import connection

from .files import private_backend

logger = logging.getLogger(__name__)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    key = f"readiness:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("a value written to the cache could not be read back")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "tasks run in-process"
    from protocol_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return "reachable"


def check_storage() -> str:
    backend = private_backend()
    if isinstance(backend, FileSystemStorage):
        location = backend.location
        os.makedirs(location, exist_ok=True)
        if not os.access(location, os.R_OK | os.W_OK):
            raise PermissionError("the private media folder is not readable and writable")
        return "local folder"
    bucket = backend.bucket  # type: ignore[attr-defined]
    bucket.meta.client.head_bucket(Bucket=bucket.name)
    return "bucket"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "storage": check_storage,
}


def readiness() -> tuple[bool, dict[str, Any]]:
    results: dict[str, Any] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
            ok = True
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            logger.warning("Readiness check %s failed: %r", name, exc)
            detail, ok = type(exc).__name__, False
        results[name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return all(r["ok"] for r in results.values()), results
