"""Single-flight locks for scheduled work: one run at a time across every worker and node.

On PostgreSQL the lock is a session advisory lock (released by the server if the worker
dies, so it can never be left stuck); elsewhere (the embedded SQLite mode, a shared Redis
cache) it is a cache key added atomically with an expiry. Work guarded this way must
still be idempotent: the lock stops two runs overlapping, not a second run later.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock, from the lock's name."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def single_flight(name: str, *, expires_after: int = 3600) -> Iterator[bool]:
    """Yield True to the one caller holding ``name`` now, False to any other at the same time.

    ``expires_after`` (seconds) bounds the cache lock only, in case its holder dies.
    """
    if connection.vendor == "postgresql":
        key = advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            acquired = bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    cache_key = f"single-flight:{name}"
    token = uuid.uuid4().hex
    acquired = bool(cache.add(cache_key, token, timeout=expires_after))
    try:
        yield acquired
    finally:
        if acquired and cache.get(cache_key) == token:
            cache.delete(cache_key)


def run_alone(name: str, *, expires_after: int = 3600) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Decorate a scheduled task: if another run holds the lock, this one does nothing and returns None."""

    def decorate(function: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
            with single_flight(name, expires_after=expires_after) as acquired:
                if not acquired:
                    logger.info("Skipped %s: another run is in progress.", name)
                    return None
                return function(*args, **kwargs)

        wrapper.single_flight_name = name  # type: ignore[attr-defined]
        return wrapper

    return decorate
