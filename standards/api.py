"""The standards API (CONTRACT.md): conduct complaints and the public registers; the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from protocol_portal.core.transitions import TransitionConflict
from roles.models import Council, Person

from . import selectors, services
from .models import ConductComplaint
from .permissions import complainant_visible
from .workflow import Assessment, Finding, Sanction


def _django_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(exc.message_dict)
    return serializers.ValidationError({"non_field_errors": exc.messages})


class ConductInputSerializer(serializers.Serializer):
    council = serializers.SlugField(help_text="The member's council.")
    subject = serializers.CharField(help_text="Username of the member complained about.")
    allegation = serializers.CharField()
    complainant = serializers.CharField(required=False, allow_blank=True, default="", help_text="Username.")
    complainant_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    complainant_email = serializers.EmailField(required=False, allow_blank=True)
    complainant_may_be_named = serializers.BooleanField(required=False, default=False)
    conduct_on = serializers.DateField(required=False, allow_null=True, default=None)

    def resolve(self, request: Request) -> dict[str, Any]:
        data = dict(self.validated_data)
        errors: dict[str, list[str]] = {}
        council = Council.objects.filter(slug=data["council"]).first()
        if council is None:
            errors["council"] = ["No council with this slug."]
        subject = Person.objects.filter(username=data["subject"]).first()
        if subject is None:
            errors["subject"] = ["No person with this username."]
        complainant = None
        if data["complainant"]:
            complainant = Person.objects.filter(username=data["complainant"]).first()
            if complainant is None:
                errors["complainant"] = ["No person with this username."]
        elif not data["complainant_name"].strip():
            complainant = request.user  # type: ignore[assignment]  # complaining in one's own name
        if errors:
            raise serializers.ValidationError(errors)
        return {**data, "council": council, "subject": subject, "complainant": complainant}


class ConductSerializer(serializers.ModelSerializer):
    council: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    standards_council: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    subject: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    monitoring_officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    independent_person: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    complainant = serializers.SerializerMethodField(help_text="Withheld from the member unless the complainant agreed.")
    conduct_older_than_six_months = serializers.SerializerMethodField()
    sanctions = serializers.ListField(child=serializers.ChoiceField(choices=Sanction.choices), read_only=True)

    class Meta:
        model = ConductComplaint
        fields = [
            "id",
            "reference",
            "council",
            "standards_council",
            "state",
            "subject",
            "complainant",
            "monitoring_officer",
            "independent_person",
            "allegation",
            "conduct_on",
            "conduct_older_than_six_months",
            "received_on",
            "assess_by",
            "assessment",
            "assessment_reasons",
            "investigate_by",
            "hearing_on",
            "ip_view",
            "finding",
            "sanctions",
            "decision_reasons",
            "decided_on",
            "source_complaint",
        ]

    def get_complainant(self, case: ConductComplaint) -> str | None:
        if not complainant_visible(self.context["request"].user, case):
            return None
        return case.complainant.username if case.complainant_id else case.complainant_name  # type: ignore[union-attr]

    def get_conduct_older_than_six_months(self, case: ConductComplaint) -> bool:
        return case.conduct_older_than_six_months()


class ConductListCreateView(generics.ListCreateAPIView):
    """Code of Conduct complaints the caller may see; POST makes one to the council's Monitoring Officer."""

    serializer_class = ConductSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.conduct_list(user=self.request.user).order_by("-received_on", "-id")

    @extend_schema(request=ConductInputSerializer, responses={201: ConductSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ConductInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.resolve(request)
        try:
            case = services.conduct_complaint_create(
                actor=request.user,
                council=data["council"],
                subject=data["subject"],
                allegation=data["allegation"],
                complainant=data["complainant"],
                complainant_name=data["complainant_name"],
                complainant_email=data.get("complainant_email", ""),
                complainant_may_be_named=data["complainant_may_be_named"],
                conduct_on=data["conduct_on"],
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(self.get_serializer(case).data, status=status.HTTP_201_CREATED)


class ConductDetailView(generics.RetrieveAPIView):
    serializer_class = ConductSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.conduct_list(user=self.request.user)


class _ConductActionView(APIView):
    input_serializer: type[serializers.Serializer]

    def act(self, request: Request, pk: int, data: dict[str, Any]) -> ConductComplaint:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        if not selectors.conduct_list(user=request.user).filter(pk=pk).exists():
            raise Http404("No such Code of Conduct complaint.")
        payload = self.input_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            case = self.act(request, pk, dict(payload.validated_data))
        except TransitionConflict as exc:  # someone else moved the case first: nothing was written
            return Response(exc.message_dict, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(ConductSerializer(case, context={"request": request}).data)


class AssessInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Assessment.choices)
    reasons = serializers.CharField()
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")


class ConductAssessView(_ConductActionView):
    """The Monitoring Officer's initial assessment."""

    input_serializer = AssessInput

    @extend_schema(request=AssessInput, responses={200: ConductSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, pk: int, data: dict[str, Any]) -> ConductComplaint:
        return services.conduct_assess(actor=request.user, case_id=pk, **data)


class IPViewInput(serializers.Serializer):
    view = serializers.CharField()


class ConductIPViewView(_ConductActionView):
    """The Independent Person records their view (s28(7))."""

    input_serializer = IPViewInput

    @extend_schema(request=IPViewInput, responses={200: ConductSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, pk: int, data: dict[str, Any]) -> ConductComplaint:
        return services.conduct_ip_view_record(actor=request.user, case_id=pk, view=data["view"])


class DecideInput(serializers.Serializer):
    finding = serializers.ChoiceField(choices=Finding.choices)
    # Plain strings checked by the service, so an unknown sanction (e.g. suspension) gets its own message.
    sanctions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    reasons = serializers.CharField()
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")


class ConductDecideView(_ConductActionView):
    """The finding and sanctions: 400 on an investigated case with no Independent Person's view."""

    input_serializer = DecideInput

    @extend_schema(request=DecideInput, responses={200: ConductSerializer})
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, pk: int, data: dict[str, Any]) -> ConductComplaint:
        return services.conduct_decide(actor=request.user, case_id=pk, **data)


# --- public registers ----------------------------------------------------------------------------

NoticeSerializer = inline_serializer(
    "DecisionNotice",
    many=True,
    fields={
        "reference": serializers.CharField(),
        "member": serializers.CharField(),
        "council": serializers.CharField(),
        "decided_by": serializers.CharField(),
        "decided_on": serializers.DateField(),
        "finding": serializers.ChoiceField(choices=Finding.choices),
        "sanctions": serializers.ListField(child=serializers.ChoiceField(choices=Sanction.choices)),
        "recommended_to_council": serializers.BooleanField(),
        "reasons": serializers.CharField(),
        "complainant": serializers.CharField(allow_null=True),
    },
)

RegisterEntrySerializer = inline_serializer(
    "RegisterEntry",
    many=True,
    fields={
        "member": serializers.CharField(),
        "category": serializers.CharField(),
        "description": serializers.CharField(allow_null=True, help_text="null when withheld (s32)."),
        "withheld": serializers.BooleanField(),
        "acting_party": serializers.CharField(),
        "registered_on": serializers.DateField(),
    },
)


class DecisionNoticeListView(APIView):
    """Published decisions on Code of Conduct complaints about the council's members. No sign-in."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=NoticeSerializer)
    def get(self, request: Request, slug: str) -> Response:
        council = get_object_or_404(Council, slug=slug)
        keys = ("reference", "member", "council", "decided_by", "decided_on", "finding", "sanctions",
                "recommended_to_council", "reasons", "complainant")  # fmt: skip
        rows = [selectors.decision_notice_row(c) for c in selectors.decision_notices(council=council)]
        return Response([{k: row[k] for k in keys} for row in rows])


def _register_json(rows: list[selectors.RegisterRow]) -> list[dict[str, Any]]:
    return [
        {
            "member": r.member,
            "category": r.category,
            "description": r.description,
            "withheld": r.withheld,
            "acting_party": r.acting_party,
            "registered_on": r.registered_on,
        }
        for r in rows
    ]


class InterestRegisterView(APIView):
    """The register of members' interests (s29): sensitive interests show no details (s32). No sign-in."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=RegisterEntrySerializer)
    def get(self, request: Request, slug: str) -> Response:
        council = get_object_or_404(Council, slug=slug)
        return Response(_register_json(selectors.public_interests(council=council, q=request.GET.get("q", ""))))


class ActingAgainstRegisterView(APIView):
    """Members acting against the council (TW 2.33-2.34), open to public inspection. No sign-in."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=RegisterEntrySerializer)
    def get(self, request: Request, slug: str) -> Response:
        council = get_object_or_404(Council, slug=slug)
        return Response(_register_json(selectors.public_acting_against(council=council, q=request.GET.get("q", ""))))
