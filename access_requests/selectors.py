"""Reads for pages and the API: each runs a fixed number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from protocol_portal.core.workdays import today
from roles.models import Council, Person
from roles.selectors import PERSON_NAME_FIELDS

from . import permissions
from .models import AccessLogEntry, AccessRequest, Document, Grant, State


def documents_for(*, user: Any, council_id: int | None = None) -> QuerySet[Document]:
    qs = permissions.documents_visible_to(user).select_related(
        "council", "owner_office", "meeting", "meeting__committee", "agenda_item"
    )
    if council_id:
        qs = qs.filter(council_id=council_id)
    return qs.order_by("council__name", "title")


def access_requests_for(*, user: Any, state: str = "") -> QuerySet[AccessRequest]:
    qs = permissions.access_requests_visible_to(user).select_related(
        "council", "requester", "made_by", "document", "decided_by"
    )
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-submitted_at")


def access_request_rows(*, user: Any) -> QuerySet[AccessRequest]:
    """The request list's rows: only the columns it shows (no person's password hash or free text)."""
    return (
        permissions.access_requests_listed_for(user)
        .only(
            "id",
            "state",
            "due_date",
            "submitted_at",
            "requester_id",
            "described_information",
            "council_id",
            "document_id",
        )
        .prefetch_related(
            Prefetch("council", Council.objects.only("id", "code", "name")),
            Prefetch("document", Document.objects.only("id", "title")),
            Prefetch("requester", Person.objects.only(*PERSON_NAME_FIELDS)),
        )
        .order_by("-submitted_at", "-id")
    )


def disputes_for(*, user: Any) -> QuerySet[AccessRequest]:
    """The Monitoring Officer's review queue: referred requests of the councils they serve."""
    return (
        AccessRequest.objects.filter(
            council_id__in=permissions.monitoring_officer_council_ids(user), state=State.REFERRED
        )
        .select_related("council", "requester", "document", "decided_by", "referred_by")
        .defer(*(f"{person}__password" for person in ("requester", "decided_by", "referred_by")))
        .order_by("referred_at", "id")
    )


def document_log(*, document: Document) -> QuerySet[AccessLogEntry]:
    return document.access_log.select_related("person", "grant", "grant__request__council").order_by("-at")


def person_grants(*, user: Any, document: Document) -> list[Grant]:
    return list(Grant.objects.filter(person=user, document=document).order_by("-created_at"))


def request_detail_queryset(*, user: Any) -> QuerySet[AccessRequest]:
    return permissions.access_requests_visible_to(user).select_related(
        "council",
        "requester",
        "made_by",
        "document",
        "document__owner_office",
        "document__meeting",
        "document__agenda_item",
        "decided_by",
        "referred_by",
        "determined_by",
    )


def grant_is_live(grant: Grant) -> bool:
    return permissions.grant_is_live(grant, on=today())
