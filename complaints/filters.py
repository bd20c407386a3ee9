from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from roles.models import Council

from .models import Complaint
from .selectors import complaints_overdue
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State


class ComplaintFilter(django_filters.FilterSet):
    SCOPES = [
        ("", "All I can see"),
        ("assigned", "Assigned to me"),
        ("logged", "Logged by me"),
        ("mine", "Made by me"),
        ("overdue", "Overdue"),
        ("to_acknowledge", "Assigned to me to acknowledge"),
        ("to_answer", "Assigned to me to answer"),
        ("referred", "Referred to a formal procedure"),
        ("mine_open", "Made by me and still open"),
    ]

    scope = django_filters.ChoiceFilter(choices=SCOPES, method="filter_scope", label="Show", empty_label=None)
    council = django_filters.ModelChoiceFilter(
        queryset=Council.objects.order_by("name"),
        field_name="council",
        to_field_name="slug",
        empty_label="All councils",
    )
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="Any state")
    q = django_filters.CharFilter(method="filter_search", label="Search reference, summary or name")

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
        if value == "to_acknowledge":
            return queryset.filter(handler=user, state__in=AWAITING_ACKNOWLEDGEMENT)
        if value == "to_answer":
            return queryset.filter(handler=user, state__in=OPEN_STATES - AWAITING_ACKNOWLEDGEMENT)
        if value == "referred":
            return queryset.filter(state=State.REFERRED)
        if value == "mine_open":
            return queryset.filter(complainant=user, state__in=ACTIVE_STATES - {State.REFERRED})
        return queryset

    def filter_search(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        value = value.strip()[:100]
        if not value:
            return queryset
        query = Q(summary__icontains=value)
        for party in ("complainant", "subject", "handler"):
            for part in ("first_name", "last_name", "display_name"):
                query |= Q(**{f"{party}__{part}__icontains": value})
        ref = value.upper().rsplit("-C", 1)
        if len(ref) == 2 and ref[1].isdigit():
            query |= Q(pk=int(ref[1]))
        return queryset.filter(query)
