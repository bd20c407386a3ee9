"""JSON API (CONTRACT.md): the same services and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from protocol_portal.core.dates import PlausibleDateField

from . import permissions, selectors, services
from .models import AccessRequest, Basis, Decision, Document, Grant
from .views.documents import copy_response


class DocumentSerializer(serializers.ModelSerializer):
    council: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner_office: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    meeting = serializers.SerializerMethodField()
    agenda_item = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "council",
            "title",
            "classification",
            "category",
            "owner_office",
            "meeting",
            "agenda_item",
            "matters",
        ]

    def get_meeting(self, document: Document) -> str | None:
        return str(document.meeting) if document.meeting else None

    def get_agenda_item(self, document: Document) -> dict[str, str] | None:
        item = document.agenda_item
        return {"number": item.number, "title": item.title, "part": item.part} if item else None


class AccessRequestSerializer(serializers.ModelSerializer):
    council: serializers.RelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester: serializers.RelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by: serializers.RelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    determined_by: serializers.RelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    recommendation = serializers.SerializerMethodField(
        help_text="The rules' recommendation, for whoever may see the request (the same as the page)."
    )
    determination = serializers.CharField(read_only=True, help_text="The Monitoring Officer's decision, if any.")
    grounds = serializers.JSONField(read_only=True)

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "council",
            "requester",
            "document",
            "described_information",
            "basis",
            "purpose",
            "has_interest",
            "interest_details",
            "state",
            "recommendation",
            "due_date",
            "decision",
            "grounds",
            "reasons",
            "decided_by",
            "referral_reason",
            "determination",
            "determination_reasons",
            "determined_by",
            "overrides",
        ]
        read_only_fields = fields

    def get_recommendation(self, access_request: AccessRequest) -> dict[str, Any] | None:
        return _recommendation_for(self, access_request)


def _recommendation_for(serializer: serializers.Serializer, access_request: AccessRequest) -> dict[str, Any] | None:
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.recommendation_visible(user, access_request):
        return None
    return access_request.recommendation


class AccessRequestCreateSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    basis = serializers.ChoiceField(choices=Basis.choices)
    purpose = serializers.CharField(allow_blank=True, required=False, default="")
    interests = serializers.CharField(allow_blank=True, required=False, default="", help_text="Empty for none.")


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    grounds = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Access-rule kinds cited for a refusal, e.g. 'restricted_need_to_know'.",
    )
    reasons = serializers.CharField(allow_blank=True, required=False, default="")
    expires_on = PlausibleDateField(required=False, allow_null=True, default=None)


DETERMINATIONS = (Decision.GRANT_INSPECT, Decision.GRANT_COPY, Decision.REFUSE)


class UndertakingSerializer(serializers.Serializer):
    accept = serializers.BooleanField(help_text="true: I accept the undertaking shown with the grant.")

    def validate_accept(self, value: bool) -> bool:
        if value is not True:
            raise serializers.ValidationError("Send accept: true to accept the undertaking.")
        return value


class GrantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Grant
        fields = [
            "id",
            "document",
            "can_copy",
            "expires_on",
            "undertaking_text",
            "undertaking_accepted_at",
            "revoked_at",
            "revocation_reason",
        ]
        read_only_fields = fields


class ReferSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class DetermineSerializer(serializers.Serializer):
    # A plain string in the schema: a second, narrower enum named "decision" would collide with DecisionEnum.
    decision = serializers.CharField(help_text="One of grant_inspect, grant_copy, refuse.")

    def validate_decision(self, value: str) -> str:
        if value not in DETERMINATIONS:
            raise serializers.ValidationError("Choose grant_inspect, grant_copy or refuse.")
        return value

    reasons = serializers.CharField(allow_blank=True, required=False, default="")
    expires_on = PlausibleDateField(required=False, allow_null=True, default=None)
    override_reason = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Where a council rule forbids the determination but lets the Monitoring Officer override it.",
    )


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"non_field_errors": exc.messages})


def _run(call: Any) -> Any:
    try:
        return call()
    except DjangoValidationError as exc:
        raise _as_api_error(exc) from None
    except PermissionDenied as exc:
        raise DRFPermissionDenied(str(exc) or None) from None


class DocumentListView(generics.ListAPIView):
    """Document metadata the caller may see."""

    serializer_class = DocumentSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.documents_for(user=self.request.user)


class DocumentContentView(APIView):
    """The document's file, stamped with the caller's name and the date: only where copies are allowed."""

    @extend_schema(
        operation_id="document_content",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            403: OpenApiResponse(description="No copy allowed"),
            404: OpenApiResponse(description="Not found"),
        },
    )
    def get(self, request: Request, pk: int) -> Any:
        document = get_object_or_404(selectors.documents_for(user=request.user), pk=pk)
        return _run(lambda: copy_response(request.user, document, via="api"))


class AccessRequestListCreateView(generics.ListAPIView):
    serializer_class = AccessRequestSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.access_requests_for(user=self.request.user)

    @extend_schema(request=AccessRequestCreateSerializer, responses={201: AccessRequestSerializer})
    def post(self, request: Request) -> Response:
        body = AccessRequestCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        document = Document.objects.filter(pk=data["document"]).select_related("council").first()
        visible = document is not None and selectors.documents_for(user=request.user).filter(pk=document.pk).exists()
        if not visible:
            raise ValidationError({"document": ["No such document in the register of a council you serve."]})
        assert document is not None
        interests = data["interests"].strip()
        created = _run(
            lambda: services.access_request_submit(
                actor=request.user,
                council=document.council,
                requester=request.user,  # type: ignore[arg-type]
                document=document,
                basis=data["basis"],
                purpose=data["purpose"],
                has_interest=bool(interests),
                interest_details=interests,
            )
        )
        return Response(
            AccessRequestSerializer(created, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class AccessRequestDetailView(generics.RetrieveAPIView):
    serializer_class = AccessRequestSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.request_detail_queryset(user=self.request.user)


class _ActionView(APIView):
    body_class: type[serializers.Serializer] = serializers.Serializer

    def load(self, request: Request, pk: int) -> tuple[AccessRequest, dict[str, Any]]:
        access_request = selectors.request_detail_queryset(user=request.user).filter(pk=pk).first()
        if access_request is None:
            raise Http404
        body = self.body_class(data=request.data)
        body.is_valid(raise_exception=True)
        return access_request, dict(body.validated_data)


class AccessRequestDecideView(_ActionView):
    body_class = DecideSerializer

    @extend_schema(
        operation_id="access_request_decide", request=DecideSerializer, responses={200: AccessRequestSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        r, d = self.load(request, pk)
        done = _run(lambda: services.access_request_decide(actor=request.user, access_request=r, **d))
        return Response(AccessRequestSerializer(done, context={"request": request}).data)


class AccessRequestReferView(_ActionView):
    body_class = ReferSerializer

    @extend_schema(
        operation_id="access_request_refer", request=ReferSerializer, responses={200: AccessRequestSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        r, d = self.load(request, pk)
        done = _run(lambda: services.access_request_refer(actor=request.user, access_request=r, reason=d["reason"]))
        return Response(AccessRequestSerializer(done, context={"request": request}).data)


class AccessRequestDetermineView(_ActionView):
    body_class = DetermineSerializer

    @extend_schema(
        operation_id="access_request_determine", request=DetermineSerializer, responses={200: AccessRequestSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        r, d = self.load(request, pk)
        done = _run(lambda: services.access_request_determine(actor=request.user, access_request=r, **d))
        return Response(AccessRequestSerializer(done, context={"request": request}).data)


class RevokeGrantSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="", help_text="Told to the councillor.")


class AccessRequestRevokeGrantView(_ActionView):
    """The deciding officers, the Monitoring Officer or an administrator end the grant on a request."""

    body_class = RevokeGrantSerializer

    @extend_schema(
        operation_id="access_request_revoke_grant",
        request=RevokeGrantSerializer,
        responses={200: GrantSerializer, 403: OpenApiResponse(description="Not allowed to revoke")},
    )
    def post(self, request: Request, pk: int) -> Response:
        r, d = self.load(request, pk)
        _run(lambda: permissions.access_request_check(request.user, "revoke_grant", r))
        grant = Grant.objects.get(request=r)
        done = _run(lambda: services.grant_revoke(actor=request.user, grant=grant, reason=d["reason"]))
        return Response(GrantSerializer(done).data)


class AccessRequestUndertakingView(_ActionView):
    """The grantee accepts the undertaking (TW 3.7); only then may they open the document."""

    body_class = UndertakingSerializer

    @extend_schema(
        operation_id="access_request_undertaking",
        request=UndertakingSerializer,
        responses={200: GrantSerializer, 403: OpenApiResponse(description="Not the grantee")},
    )
    def post(self, request: Request, pk: int) -> Response:
        r, _ = self.load(request, pk)
        _run(lambda: permissions.access_request_check(request.user, "accept_undertaking", r))
        grant = Grant.objects.filter(request=r).first()
        if grant is None:
            raise ValidationError({"non_field_errors": ["Nothing has been granted on this request."]})
        done = _run(lambda: services.grant_accept_undertaking(actor=request.user, grant=grant))
        return Response(GrantSerializer(done).data)
