from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from roles.models import Council, today

from .models import Complaint
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State


class ComplaintFilter(django_filters.FilterSet):
    SCOPES = [
        ("", "All I can see"),
        ("assigned", "Assigned to me"),
        ("logged", "Logged by me"),
        ("mine", "Made by me"),
        ("overdue", "Overdue"),
        ("to_acknowledge", "For me to acknowledge"),
        ("to_answer", "For me to answer"),
        ("assigned_overdue", "Assigned to me and overdue"),
        ("mine_open", "Made by me, still open"),
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
            return complaints_overdue_filter(queryset)
        if value == "to_acknowledge":
            return queryset.filter(handler=user, state__in=AWAITING_ACKNOWLEDGEMENT)
        if value == "to_answer":
            return queryset.filter(handler=user, state__in=OPEN_STATES - AWAITING_ACKNOWLEDGEMENT)
        if value == "assigned_overdue":
            return complaints_overdue_filter(queryset.filter(handler=user))
        if value == "mine_open":
            return queryset.filter(complainant=user, state__in=ACTIVE_STATES)
        return queryset

    def filter_search(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        value = value.strip()
        query = Q(summary__icontains=value)
        ref = value.upper().rsplit("-C", 1)
        if len(ref) == 2 and ref[1].isdigit():
            query |= Q(pk=int(ref[1]))
        return queryset.filter(query)


def complaints_overdue_filter(queryset: QuerySet[Complaint], *, on: Any = None) -> QuerySet[Complaint]:
    on = on or today()
    return queryset.filter(
        Q(state__in=ACTIVE_STATES - {State.REFERRED}, respond_by__lt=on)
        | Q(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_by__lt=on)
    )
