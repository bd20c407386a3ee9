from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from roles.models import Council

from .models import Complaint
from .selectors import complaints_overdue
from .workflow import State


class ComplaintFilter(django_filters.FilterSet):
    SCOPES = [
        ("", "All I can see"),
        ("assigned", "Assigned to me"),
        ("logged", "Logged by me"),
        ("mine", "Made by me"),
        ("overdue", "Overdue"),
    ]

    scope = django_filters.ChoiceFilter(choices=SCOPES, method="filter_scope", label="Show", empty_label=None)
    council = django_filters.ModelChoiceFilter(
        queryset=Council.objects.order_by("name"), field_name="council", to_field_name="slug"
    )
    state = django_filters.ChoiceFilter(choices=State.choices)
    q = django_filters.CharFilter(method="filter_search", label="Search summary or reference")

    class Meta:
        model = Complaint
        fields = ["scope", "council", "state", "q"]

    def filter_scope(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        user = self.request.user if self.request else None
        if value == "assigned":
            return queryset.filter(handler=user)
        if value == "logged":
            return queryset.filter(logged_by=user)
        if value == "mine":
            return queryset.filter(complainant=user)
        if value == "overdue":
            return complaints_overdue(queryset)
        return queryset

    def filter_search(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        value = value.strip()
        query = Q(summary__icontains=value)
        ref = value.upper().rsplit("-C", 1)
        if len(ref) == 2 and ref[1].isdigit():
            query |= Q(pk=int(ref[1]))
        return queryset.filter(query)
