"""Dated records: from a start date to an optional end date, and which are current on a day."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from protocol_portal.core.workdays import today


def current_q(on: date | None = None, *, via: str = "") -> Q:
    """Dated records current on ``on`` (today by default); ``via`` reaches them over a relation ("appointments__")."""
    on = on or today()
    return Q(**{f"{via}start_date__lte": on}) & (
        Q(**{f"{via}end_date__isnull": True}) | Q(**{f"{via}end_date__gte": on})
    )


class DatedQuerySet(models.QuerySet):
    """Records with ``start_date`` and optional ``end_date``."""

    def current(self, on: date | None = None) -> DatedQuerySet:
        return self.filter(current_q(on))


class DatedRecord(models.Model):
    """A record that runs from a start date to an optional end date (an appointment, a membership, a declaration).

    The end cannot come before the start (a database check); ``objects.current(on)`` gives those running on a date.
    A record with no end date is open: the partial unique indexes of the one-holder rules look at those rows.
    """

    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while it continues.")

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="%(class)s_ends_after_start",
                violation_error_message="It cannot end before it starts.",
            )
        ]

    def is_current(self, on: date | None = None) -> bool:
        on = on or today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)
