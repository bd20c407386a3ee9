from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from protocol_portal.core.filters import PersonCouncilsFilterSet, council_filter
from roles.selectors import people_named

from .models import Complaint
from .selectors import complaints_overdue
from .workflow import ACTIVE_STATES, AWAITING_ACKNOWLEDGEMENT, OPEN_STATES, State

NAME_SEARCH_MIN = 3


class ComplaintFilter(PersonCouncilsFilterSet):
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
        ("assigned_overdue", "Assigned to me and overdue"),
    ]

    scope = django_filters.ChoiceFilter(choices=SCOPES, method="filter_scope", label="Show", empty_label=None)
    council = council_filter()
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
        if value == "assigned_overdue":
            return complaints_overdue(queryset.filter(handler=user))
        if value == "referred":
            return queryset.filter(state=State.REFERRED)
        if value == "mine_open":
            return queryset.filter(complainant=user, state__in=ACTIVE_STATES - {State.REFERRED})
        return queryset

    def filter_search(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        return complaints_search(queryset, value)


def complaints_search(queryset: QuerySet[Complaint], value: str) -> QuerySet[Complaint]:
    """Summary, reference, or the name of the person complaining or complained about.

    On PostgreSQL the summary and the names are matched through trigram indexes
    (migrations ``complaints.0003_search_trigram_indexes`` and ``roles.0006_person_name_trigram_indexes``);
    the names are looked up first, so a name match is an index lookup on the complaint's person columns.
    """
    value = value.strip()[:100]
    if not value:
        return queryset
    query = Q(summary__icontains=value)
    ref = value.upper().rsplit("-C", 1)
    if len(ref) == 2 and ref[1].isdigit():
        query |= Q(pk=int(ref[1]))
    if len(value) >= NAME_SEARCH_MIN:
        people = people_named(value)
        query |= Q(subject__in=people) | Q(complainant__in=people) | Q(handler__in=people)
    return queryset.filter(query)
