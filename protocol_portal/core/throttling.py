"""API write limits through the project's one rate limiter (django-ratelimit), not DRF's own counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django_ratelimit import UNSAFE
from django_ratelimit.core import is_ratelimited
from rest_framework.throttling import BaseThrottle

if TYPE_CHECKING:  # DRF imports throttles while building APIView: no runtime import of views here
    from rest_framework.request import Request
    from rest_framework.views import APIView

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class WriteRateThrottle(BaseThrottle):
    """Limit API writes per person (or per real client address when anonymous); reads are not limited."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        django_request = request._request
        # DRF authenticates lazily: make the caller known to the key function.
        django_request.user = request.user
        return not is_ratelimited(
            django_request,
            group="api-write",
            key="protocol_portal.core.ratelimit.user_or_address",
            rate=settings.API_WRITE_RATE,
            method=UNSAFE,
            increment=True,
        )
