"""The project's one rate limiter (django-ratelimit), keyed on the real client address.

Behind PROXY_COUNT trusted proxies each one appends the address it received the request
from to X-Forwarded-For, so the client is the PROXY_COUNT-th address from the right;
anything further left was written by the client and is not trusted. With no proxy the
client is REMOTE_ADDR. Sign-in lockout (django-axes) uses the same function.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # fewer hops than configured: the request did not come through every proxy
    return forwarded[-proxies]


def axes_client_address(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    return client_address(request)


def user_or_address(group: str, request: HttpRequest) -> str:
    """Signed-in callers are counted per person, anonymous ones per client address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"
