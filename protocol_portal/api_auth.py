"""Token sign-in for the API: POST {username, password} -> {token}."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken

from protocol_portal.core.throttling import WriteRateThrottle


class TokenView(ObtainAuthToken):
    # DRF leaves its token view unthrottled; sign-in through the API is rate limited like any write.
    throttle_classes = [WriteRateThrottle]

    @extend_schema(
        request=inline_serializer(
            "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().post(request, *args, **kwargs)
