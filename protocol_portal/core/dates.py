"""Sensible bounds for dates people type: a year-1 or year-9999 date is a typing slip, never a fact."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from rest_framework import serializers

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def validate_plausible_date(value: date | None) -> None:
    if value is not None and not (EARLIEST <= value <= LATEST):
        raise ValidationError(
            f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}.", code="date_out_of_range"
        )


class PlausibleDateField(serializers.DateField):
    """An API date between 2000 and 2099 (400 with a message otherwise)."""

    def to_internal_value(self, value: date | str) -> date:
        parsed = super().to_internal_value(value)
        if not (EARLIEST <= parsed <= LATEST):
            raise serializers.ValidationError(
                f"Enter a date between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}.", code="date_out_of_range"
            )
        return parsed
