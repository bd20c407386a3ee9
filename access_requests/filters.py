"""Filters for the information-request and document lists (django-filter), searching names too."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from protocol_portal.core.filters import PersonCouncilsFilterSet, council_filter

from .models import AccessRequest, Classification, Document, State


def _reference_pk(value: str, letter: str) -> int | None:
    """The number in a reference such as ``TW-R00001`` (or a bare number)."""
    tail = value.upper().rsplit(f"-{letter}", 1)[-1]
    return int(tail) if tail.isdigit() else None


class AccessRequestFilter(PersonCouncilsFilterSet):
    SCOPES = [("", "All I can see"), ("mine", "Made by me"), ("others", "Made by others")]

    scope = django_filters.ChoiceFilter(choices=SCOPES, method="filter_scope", label="Show", empty_label=None)
    council = council_filter()
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="Any state")
    q = django_filters.CharFilter(method="filter_search", label="Search reference, document or name")

    class Meta:
        model = AccessRequest
        fields = ["scope", "council", "state", "q"]

    def filter_scope(self, queryset: QuerySet[AccessRequest], name: str, value: str) -> QuerySet[AccessRequest]:
        user = self.request.user if self.request else None
        if value == "mine":
            return queryset.filter(requester=user)
        if value == "others":
            return queryset.exclude(requester=user)
        return queryset

    def filter_search(self, queryset: QuerySet[AccessRequest], name: str, value: str) -> QuerySet[AccessRequest]:
        value = value.strip()[:100]
        if not value:
            return queryset
        query = (
            Q(document__title__icontains=value)
            | Q(described_information__icontains=value)
            | Q(requester__first_name__icontains=value)
            | Q(requester__last_name__icontains=value)
            | Q(requester__display_name__icontains=value)
        )
        pk = _reference_pk(value, "R")
        if pk is not None:
            query |= Q(pk=pk)
        return queryset.filter(query)


class DocumentFilter(PersonCouncilsFilterSet):
    council = council_filter()
    classification = django_filters.ChoiceFilter(choices=Classification.choices, empty_label="Any classification")
    q = django_filters.CharFilter(method="filter_search", label="Search title, meeting or owner")

    class Meta:
        model = Document
        fields = ["council", "classification", "q"]

    def filter_search(self, queryset: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(meeting__title__icontains=value) | Q(owner_office__name__icontains=value)
        )
