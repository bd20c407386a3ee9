"""The complaints API (CONTRACT.md): the same services and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from protocol_portal.core.dates import PlausibleDateField
from roles.models import Council, Person

from . import services
from .models import Channel, Complaint, RouteDecision
from .permissions import sees_declarations
from .routing import route_as_data, stored_route_rows
from .selectors import complaint_list
from .workflow import FormalBasis, Procedure, State


class RouteStepSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    step = serializers.CharField()
    office = serializers.CharField(allow_null=True)
    office_council = serializers.CharField(allow_null=True)
    holder = serializers.CharField(allow_null=True, help_text="Username of the person considered.")
    outcome = serializers.ChoiceField(choices=RouteDecision.Outcome.choices)
    taken = serializers.BooleanField()
    why = serializers.CharField()


class ComplaintInputSerializer(serializers.Serializer):
    council = serializers.SlugField()
    complainant = serializers.CharField(required=False, allow_blank=True, help_text="Username; defaults to the caller.")
    subject = serializers.CharField(help_text="Username of the person complained about.")
    summary = serializers.CharField(max_length=200)
    details = serializers.CharField()
    expectations = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.ONLINE)
    received_on = PlausibleDateField(required=False, allow_null=True, default=None)
    informal_first = serializers.BooleanField(required=False, default=True)

    def resolve(self, request: Request) -> dict[str, Any]:
        data = dict(self.validated_data)
        errors = {}
        council = Council.objects.filter(slug=data["council"]).first()
        if council is None:
            errors["council"] = ["No council with this slug."]
        people = {}
        for field in ("complainant", "subject"):
            username = data.get(field) or (request.user.get_username() if field == "complainant" else "")
            people[field] = Person.objects.filter(username=username).first()
            if people[field] is None:
                errors[field] = ["No person with this username."]
        if errors:
            raise serializers.ValidationError(errors)
        return {**data, "council": council, **people}


class PreviewInputSerializer(ComplaintInputSerializer):
    summary = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    details = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintSerializer(serializers.ModelSerializer):
    council: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    complainant: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    subject: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    handler: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    subject_office: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    expectations: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    route = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "reference",
            "council",
            "state",
            "handler",
            "complainant",
            "subject",
            "subject_office",
            "summary",
            "details",
            "expectations",
            "channel",
            "received_on",
            "informal_first",
            "acknowledge_by",
            "respond_by",
            "procedure",
            "outcome",
            "route",
        ]

    @extend_schema_field(RouteStepSerializer(many=True))
    def get_route(self, complaint: Complaint) -> list[dict[str, Any]]:
        full = sees_declarations(self.context["request"].user, complaint.council)
        rows = stored_route_rows(complaint.route.all(), full=full)
        keys = RouteStepSerializer().fields.keys()
        return [{k: row[k] for k in keys} | {"round": row["round"]} for row in rows]


def _django_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})


def _complaints(user: Any) -> Any:
    return (
        complaint_list(user=user)
        .prefetch_related(
            "expectations", Prefetch("route", RouteDecision.objects.select_related("office__council", "holder"))
        )
        .order_by("-received_on", "-id")
    )


class ComplaintListCreateView(generics.ListCreateAPIView):
    """Complaints the caller may see; POST logs one and routes it through the council's chain."""

    serializer_class = ComplaintSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return _complaints(self.request.user)

    @extend_schema(request=ComplaintInputSerializer, responses={201: ComplaintSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ComplaintInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.resolve(request)
        try:
            complaint = services.complaint_create(
                actor=request.user,
                council=data["council"],
                complainant=data["complainant"],
                subject=data["subject"],
                summary=data["summary"],
                details=data["details"],
                expectation_ids=data["expectations"],
                channel=data["channel"],
                received_on=data["received_on"],
                informal_first=data["informal_first"],
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        complaint = _complaints(request.user).filter(pk=complaint.pk).first() or complaint
        return Response(self.get_serializer(complaint).data, status=status.HTTP_201_CREATED)


class ComplaintDetailView(generics.RetrieveAPIView):
    serializer_class = ComplaintSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return _complaints(self.request.user)


class TransitionInputSerializer(serializers.Serializer):
    # Plain strings checked by the service, so the schema has one State enum (the complaint's own field).
    to = serializers.CharField(help_text="The new state: " + ", ".join(State.values) + ".")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False, allow_blank=True, default="")
    formal_basis = serializers.ChoiceField(choices=FormalBasis.choices, required=False, allow_blank=True, default="")
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    expected_state = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The state you saw; refused if someone changed it meanwhile.",
    )


class ComplaintTransitionView(APIView):
    @extend_schema(request=TransitionInputSerializer, responses={200: ComplaintSerializer})
    def post(self, request: Request, pk: int) -> Response:
        if not complaint_list(user=request.user).filter(pk=pk).exists():
            raise Http404("No such complaint.")
        payload = TransitionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.complaint_transition(actor=request.user, complaint_id=pk, **payload.validated_data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        complaint = _complaints(request.user).filter(pk=pk).first()
        if complaint is None:  # e.g. withdrawn by someone who no longer sees it
            return Response({"id": pk, "state": payload.validated_data["to"]})
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


class RoutePreviewView(APIView):
    """Who would handle this complaint, and why: the same body as create; writes nothing."""

    @extend_schema(
        request=PreviewInputSerializer,
        responses=inline_serializer(
            "RoutePreview",
            {
                "council": serializers.CharField(),
                "chain": serializers.CharField(),
                "complainant_office": serializers.CharField(),
                "subject_office": serializers.CharField(),
                "handler": serializers.CharField(allow_null=True),
                "route": RouteStepSerializer(many=True),
            },
        ),
    )
    def post(self, request: Request) -> Response:
        payload = PreviewInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.resolve(request)
        try:
            parties, route = services.complaint_route_preview(
                actor=request.user, council=data["council"], complainant=data["complainant"], subject=data["subject"]
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        handler = route.handler_decision
        keys = RouteStepSerializer().fields.keys()
        full = sees_declarations(request.user, parties.council)
        return Response(
            {
                "council": parties.council.slug,
                "chain": parties.chain.slug,
                "complainant_office": parties.complainant_office.slug,
                "subject_office": parties.subject_office.slug,
                "handler": handler.holder.username if handler and handler.holder else None,
                "route": [{k: row[k] for k in keys} for row in route_as_data(route, full=full)],
            }
        )
