"""The complaints API (CONTRACT.md): the same services and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from protocol_portal.core.dates import PlausibleDateField
from roles.models import Council, Person

from . import services
from .models import Channel, Complaint, Finding, RouteDecision
from .permissions import sees_declarations
from .routing import route_as_data, stored_route_rows
from .selectors import complaint_list
from .services.outsiders import Outsider
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
    complainant_name = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Someone who holds no office (instead of complainant)."
    )
    complainant_email = serializers.CharField(required=False, allow_blank=True, default="")
    complainant_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    addressed_to = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Office slug, where the chain lets the complainant choose.",
    )
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
        people: dict[str, Any] = {"complainant": None, "outsider": None}
        if data.get("complainant_name") or data.get("complainant_email"):
            if data.get("complainant"):
                errors["complainant"] = ["Give either complainant or complainant_name, not both."]
            people["outsider"] = Outsider(
                name=data["complainant_name"], email=data["complainant_email"], phone=data["complainant_phone"]
            )
        for field in ("complainant", "subject"):
            if field == "complainant" and people["outsider"] is not None:
                continue
            username = data.get(field) or (request.user.get_username() if field == "complainant" else "")
            people[field] = Person.objects.filter(username=username).first()
            if people[field] is None:
                errors[field] = ["No person with this username."]
        if errors:
            raise serializers.ValidationError(errors)
        return {**data, "council": council, **people}


class ExtensionSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    new_date = serializers.DateField()
    reason = serializers.CharField()


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
    finding = serializers.SerializerMethodField()
    extensions = ExtensionSerializer(many=True, read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "reference",
            "council",
            "state",
            "stage",
            "finding",
            "extensions",
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

    @extend_schema_field(serializers.ChoiceField(choices=Finding.choices, allow_null=True))
    def get_finding(self, complaint: Complaint) -> str | None:
        return complaint.finding or None

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
            "expectations",
            "extensions",
            Prefetch("route", RouteDecision.objects.select_related("office__council", "holder")),
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
                outsider=data["outsider"],
                addressed_to=data["addressed_to"],
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
                "complainant_office": serializers.CharField(allow_null=True),
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
                "complainant_office": parties.complainant_office.slug if parties.complainant_office else None,
                "subject_office": parties.subject_office.slug,
                "handler": handler.holder.username if handler and handler.holder else None,
                "route": [{k: row[k] for k in keys} for row in route_as_data(route, full=full)],
            }
        )


def _complaint_response(request: Request, pk: int) -> Response:
    complaint = _complaints(request.user).filter(pk=pk).first()
    if complaint is None:
        raise Http404("No such complaint.")
    return Response(ComplaintSerializer(complaint, context={"request": request}).data)


def _known(request: Request, pk: int) -> None:
    if not complaint_list(user=request.user).filter(pk=pk).exists():
        raise Http404("No such complaint.")


class RespondInputSerializer(serializers.Serializer):
    # Checked by the service, so a missing or unknown finding gets the same message as on the page.
    finding = serializers.CharField(required=False, allow_blank=True, default="", help_text="One of the four codes.")
    response = serializers.CharField(required=False, allow_blank=True, default="")
    remedy = serializers.CharField(required=False, allow_blank=True, default="")
    actions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    next_route = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintRespondView(APIView):
    """The handler answers the current stage with a finding; the complainant is told."""

    @extend_schema(request=RespondInputSerializer, responses={200: ComplaintSerializer})
    def post(self, request: Request, pk: int) -> Response:
        _known(request, pk)
        payload = RespondInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.complaint_respond(actor=request.user, complaint_id=pk, **payload.validated_data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return _complaint_response(request, pk)


class EscalateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintEscalateView(APIView):
    """The complainant (or whoever logged it) takes the complaint to the next stage."""

    @extend_schema(request=EscalateInputSerializer, responses={200: ComplaintSerializer})
    def post(self, request: Request, pk: int) -> Response:
        _known(request, pk)
        payload = EscalateInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.complaint_escalate_stage(actor=request.user, complaint_id=pk, **payload.validated_data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return _complaint_response(request, pk)


class ExtendInputSerializer(serializers.Serializer):
    working_days = serializers.IntegerField(min_value=1, max_value=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    exceptional_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintExtendView(APIView):
    """A later response date at the current stage, with its reason; the complainant is told."""

    @extend_schema(request=ExtendInputSerializer, responses={200: ComplaintSerializer})
    def post(self, request: Request, pk: int) -> Response:
        _known(request, pk)
        payload = ExtendInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.complaint_extend(actor=request.user, complaint_id=pk, **payload.validated_data)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return _complaint_response(request, pk)


class ComplaintsReportView(APIView):
    """A council's complaint-handling figures for a year: administrators, the MO, the member responsible."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, slug: str) -> Response:
        from .permissions import complaints_report_check
        from .reports import complaints_report
        from .views.reports import report_year

        council = Council.objects.filter(slug=slug).first()
        if council is None:
            raise Http404("No council with this slug.")
        complaints_report_check(request.user, council)
        try:
            year = report_year(request.query_params.get("year"))
        except ValueError as exc:
            raise serializers.ValidationError({"year": [str(exc)]}) from exc
        return Response(complaints_report(council=council, year=year))
