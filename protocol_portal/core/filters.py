"""What every list filter shares: the council choice offers only the person's own councils."""

from __future__ import annotations

from typing import Any

import django_filters

from roles.models import Council
from roles.selectors import councils_of_person

COUNCIL_CHOICES_MAX = 40


def council_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=Council.objects.order_by("name"),
        field_name="council",
        to_field_name="slug",
        empty_label="All councils",
    )


class PersonCouncilsFilterSet(django_filters.FilterSet):
    """A filter set whose ``council`` filter offers the councils the person works in, not every council.

    The page must not grow with councils the person has nothing to do with; beyond a short list (a portal
    administrator's every council) the council is typed (``council_typed``), not picked.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request else None
        councils = councils_of_person(person=user).order_by("name").only("slug", "name")
        self.filters["council"].queryset = councils
        self.council_typed = councils.count() > COUNCIL_CHOICES_MAX
