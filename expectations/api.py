"""Public reading of protocols (CONTRACT.md): the adopted clauses, the themes and the versions."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from roles.models import Council

from . import selectors
from .models import Clause, ProtocolDocument, Theme
from .permissions import documents_visible_to


class ClauseSerializer(serializers.ModelSerializer):
    themes: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Clause
        fields = ["id", "number", "kind", "text", "themes", "section"]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "description"]


class ProtocolVersionSerializer(serializers.ModelSerializer):
    supersedes = serializers.SerializerMethodField()

    class Meta:
        model = ProtocolDocument
        fields = [
            "id",
            "title",
            "version",
            "status",
            "adopted_on",
            "adoption_note",
            "last_reviewed",
            "review_due",
            "supersedes",
        ]

    def get_supersedes(self, document: ProtocolDocument) -> str | None:
        return document.supersedes.version if document.supersedes is not None else None


class CouncilClauseListView(generics.ListAPIView):
    """The council's adopted protocol, clause by clause: public reading."""

    serializer_class = ClauseSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Clause]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return Clause.objects.none()
        council = get_object_or_404(Council, slug=self.kwargs["slug"])
        params = self.request.query_params
        kind = params.get("kind", "")
        return (
            selectors.clauses_search(
                council=council,
                query=params.get("q", "")[:200],
                kind=kind if kind in Clause.Kind.values else "",
                theme=params.get("theme", "")[:80],
            )
            .select_related(None)
            .prefetch_related(None)
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")))
            .order_by("position", "id")
        )

    @extend_schema(
        operation_id="council_clauses_list",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words that must all appear in the clause."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Clause.Kind.values),
            OpenApiParameter("theme", OpenApiTypes.STR, description="A theme slug."),
        ],
    )
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)


class CouncilProtocolListView(generics.ListAPIView):
    """Every version of the council's protocol the caller may read (drafts for its administrators)."""

    serializer_class = ProtocolVersionSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self) -> QuerySet[ProtocolDocument]:
        if getattr(self, "swagger_fake_view", False):
            return ProtocolDocument.objects.none()
        council = get_object_or_404(Council, slug=self.kwargs["slug"])
        return (
            documents_visible_to(self.request.user)
            .filter(council=council)
            .select_related("supersedes")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(operation_id="council_protocols_list")
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)


class ThemeListView(generics.ListAPIView):
    """The shared taxonomy that compares councils."""

    serializer_class = ThemeSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = Theme.objects.order_by("sort_order", "name")
