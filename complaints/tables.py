"""The complaint list as a django-tables2 table: one definition for the page and its CSV (names, not ids)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from .models import Complaint


class ComplaintTable(tables.Table):
    reference = tables.Column(verbose_name="Reference", order_by=("id",), accessor="pk")
    council = tables.Column(verbose_name="Council", accessor="council__name")
    summary = tables.Column(verbose_name="Summary")
    complainant = tables.Column(verbose_name="Made by", order_by=("complainant__last_name", "complainant__first_name"))
    subject = tables.Column(verbose_name="About", order_by=("subject__last_name", "subject__first_name"))
    handler = tables.Column(verbose_name="Handler", order_by=("handler__last_name", "handler__first_name"), default="—")
    state = tables.Column(verbose_name="State")
    received_on = tables.DateColumn(verbose_name="Received", format="j F Y")
    respond_by = tables.DateColumn(verbose_name="Respond by", format="j F Y")

    class Meta:
        model = Complaint
        fields = (
            "reference",
            "council",
            "summary",
            "complainant",
            "subject",
            "handler",
            "state",
            "received_on",
            "respond_by",
        )
        template_name = "core/table.html"
        order_by = ("-received_on",)
        empty_text = "No complaints match."

    def render_reference(self, record: Complaint) -> Any:
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(), record.reference)

    def value_reference(self, record: Complaint) -> str:
        return record.reference

    def render_state(self, record: Complaint) -> Any:
        overdue = (
            format_html(' <strong class="govuk-tag govuk-tag--red">Overdue</strong>')
            if record.overdue_flagged_on
            else ""
        )
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">{}</strong>{}', record.get_state_display(), overdue
        )

    def value_state(self, record: Complaint) -> str:
        return record.get_state_display()
