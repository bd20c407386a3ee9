"""Token sign-in for the API: POST {username, password[, device]} -> {token, expiry}.

Tokens are django-rest-knox's: stored as digests, expiring (REST_KNOX TOKEN_TTL), one per
device, revoked when the password changes and listed for revoking at /account/tokens/.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from protocol_portal.core.parsers import DepthLimitedJSONParser
from protocol_portal.core.ratelimit import client_address
from protocol_portal.core.throttling import WriteRateThrottle
from protocol_portal.core.tokens import api_token_issue


class TokenRequestSerializer(AuthTokenSerializer):
    device = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="A name to recognise this token by later."
    )


class TokenView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    parser_classes = [DepthLimitedJSONParser, FormParser, MultiPartParser]
    # Sign-in through the API is rate limited like any write.
    throttle_classes = [WriteRateThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer(
            "TokenResponse", {"token": serializers.CharField(), "expiry": serializers.DateTimeField(allow_null=True)}
        ),
    )
    def post(self, request: Request) -> Response:
        body = TokenRequestSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        try:
            instance, token = api_token_issue(
                person=body.validated_data["user"],
                device=body.validated_data.get("device", ""),
                address=client_address(request._request),
            )
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        return Response({"token": token, "expiry": instance.expiry})
