"""The information-request and document tables (django-tables2): one definition for the page and its CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from .models import AccessRequest, Document


class AccessRequestTable(tables.Table):
    reference = tables.Column(verbose_name="Request", order_by=("id",), accessor="pk")
    subject = tables.Column(verbose_name="Document or information", order_by=("document__title",), accessor="pk")
    requester = tables.Column(
        verbose_name="Councillor", order_by=("requester__last_name", "requester__first_name"), accessor="requester"
    )
    council = tables.Column(verbose_name="Council", accessor="council__name")
    state = tables.Column(verbose_name="State")
    due_date = tables.DateColumn(verbose_name="Decision due", format="j F Y")

    class Meta:
        model = AccessRequest
        fields = ("reference", "subject", "requester", "council", "state", "due_date")
        template_name = "core/table.html"
        order_by = ("-due_date",)
        empty_text = "No requests match."

    def render_reference(self, record: AccessRequest) -> Any:
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(), record.reference)

    def value_reference(self, record: AccessRequest) -> str:
        return record.reference

    def render_subject(self, record: AccessRequest) -> str:
        return record.subject

    def value_subject(self, record: AccessRequest) -> str:
        return record.subject


class DocumentTable(tables.Table):
    title = tables.Column(verbose_name="Document")
    council = tables.Column(verbose_name="Council", accessor="council__name")
    classification = tables.Column(verbose_name="Classification")
    category = tables.Column(verbose_name="Category")
    meeting = tables.Column(verbose_name="Meeting", order_by=("meeting__date",), default="")
    access = tables.Column(verbose_name="Your access", accessor="pk", orderable=False)

    class Meta:
        model = Document
        fields = ("title", "council", "classification", "category", "meeting", "access")
        template_name = "core/table.html"
        order_by = ("council", "title")
        empty_text = "No documents match."

    def __init__(self, *args: Any, access: Callable[[Document], str], **kwargs: Any) -> None:
        self._access = access
        super().__init__(*args, **kwargs)

    def render_title(self, record: Document) -> Any:
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(), record.title)

    def value_title(self, record: Document) -> str:
        return record.title

    def render_access(self, record: Document) -> str:
        return self._access(record)

    def value_access(self, record: Document) -> str:
        return self._access(record)

    def render_meeting(self, record: Document) -> str:
        if record.meeting is None:
            return ""
        item = f", item {record.agenda_item.number}" if record.agenda_item else ""
        return f"{record.meeting}{item}"
