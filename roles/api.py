"""Public reading of councils and offices (CONTRACT.md)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from .models import Appointment, Council, Office


class CouncilSerializer(serializers.ModelSerializer):
    principal_council: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Council
        fields = ["slug", "name", "tier", "principal_council", "protocol_contact", "contact_email", "website"]


class OfficeSerializer(serializers.ModelSerializer):
    reports_to = serializers.SerializerMethodField()
    holders = serializers.SerializerMethodField()
    statutory = serializers.SerializerMethodField()

    class Meta:
        model = Office
        fields = [
            "slug",
            "name",
            "kind",
            "statutory",
            "is_head_of_paid_service",
            "is_monitoring_officer",
            "is_chief_finance_officer",
            "is_proper_officer",
            "is_rfo",
            "is_administrator",
            "is_chair_of_council",
            "management_level",
            "multiple_holders",
            "reports_to",
            "holders",
        ]

    def get_reports_to(self, office: Office) -> str | None:
        return office.reports_to.slug if office.reports_to is not None else None

    def get_holders(self, office: Office) -> list[str]:
        return [a.person.username for a in office.current_appointments]  # type: ignore[attr-defined]

    def get_statutory(self, office: Office) -> list[str]:
        return [flag.removeprefix("is_") for flag in Office.STATUTORY_FLAGS if getattr(office, flag)]


class CouncilPagination(PageNumberPagination):
    """100 councils a page (``?page_size=`` up to 200): about 15 KB, whatever the number of councils."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 200


class CouncilListView(generics.ListAPIView):
    """All councils, a page at a time (``{count, next, previous, results}``): public reading.

    Until the release of this change the list was one bare array; see the README's deprecation note.
    """

    serializer_class = CouncilSerializer
    permission_classes = [AllowAny]
    pagination_class = CouncilPagination
    queryset = (
        Council.objects.select_related("principal_council")
        .only("slug", "name", "tier", "protocol_contact", "contact_email", "website", "principal_council__slug")
        .order_by("name", "id")
    )


class CouncilDetailView(generics.RetrieveAPIView):
    serializer_class = CouncilSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    queryset = Council.objects.select_related("principal_council")


class CouncilOfficeListView(generics.ListAPIView):
    """A council's offices with their current holders' usernames: public reading."""

    serializer_class = OfficeSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return Office.objects.none()
        council = get_object_or_404(Council, slug=self.kwargs["slug"])
        return (
            Office.objects.filter(council=council)
            .select_related("reports_to")
            .prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=Appointment.objects.current().select_related("person").order_by("start_date"),
                    to_attr="current_appointments",
                )
            )
        )

    @extend_schema(operation_id="council_offices_list")
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)
