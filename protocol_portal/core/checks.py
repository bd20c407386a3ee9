"""Deployment checks (`manage.py check --deploy`): what several app servers need to share."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

SHARED_CACHE_BACKENDS = ("django_redis.cache.RedisCache", "django.core.cache.backends.redis.RedisCache")
SHARED_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        checks.Error(
            f"The default cache is {backend or 'not configured'}, which each app server keeps to itself: "
            "rate limits, sign-in lockouts, cached pages and scheduler locks would be counted per process.",
            hint="Set CACHE_URL to a Redis shared by every app server and worker, e.g. redis://redis:6379/1.",
            id="core.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_shared_sessions(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    engine = settings.SESSION_ENGINE
    if engine in SHARED_SESSION_ENGINES:
        return []
    if engine == "django.contrib.sessions.backends.cache" and not check_shared_cache():
        return []
    return [
        checks.Error(
            f"Sessions are kept by {engine}, which not every app server can read or revoke.",
            hint="Use SESSION_STORE=db (the default), cached_db, or cache with CACHE_URL pointing at Redis.",
            id="core.E002",
        )
    ]
