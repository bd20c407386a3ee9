"""The document register: list, details, reading in the page, stamped copies and the access log."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from protocol_portal.core.files import display_filename
from protocol_portal.core.lists import table_or_csv
from roles.models import Council

from .. import permissions, selectors, services
from ..content import document_stamped_copy, document_text
from ..filters import DocumentFilter
from ..models import AccessLogEntry, Document, Grant
from ..tables import DocumentTable


def visible_document(user: Any, pk: int) -> Document:
    """A document whose metadata the user may see; 404 otherwise (they may not know it exists)."""
    return get_object_or_404(selectors.documents_for(user=user), pk=pk)


def content_access(user: Any, action: str, document: Document) -> tuple[bool, Grant | None, str]:
    """Whether the user may read/copy, the grant it is under, and why not."""
    try:
        return True, permissions.document_content_check(user, action, document), ""
    except permissions.UndertakingRequired as exc:
        return False, exc.grant, "undertaking"
    except PermissionDenied as exc:
        return False, None, str(exc)


class DocumentListView(LoginRequiredMixin, TemplateView):
    template_name = "access_requests/document_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        user = request.user
        visible = selectors.documents_for(user=user)
        filterset = DocumentFilter(request.GET or None, queryset=visible, request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
        grants = permissions.live_grants_by_document(user)
        full = permissions.content_council_ids(user)
        owned = permissions.owned_office_ids(user)
        table = DocumentTable(rows, access=lambda d: _access_label(d, grants.get(d.pk), full, owned))
        export = table_or_csv(request, table, filename="documents")
        if export is not None:
            return export
        return self.render_to_response(
            self.get_context_data(
                table=table,
                filter=filterset,
                manage_councils=Council.objects.filter(pk__in=permissions.admin_council_ids(user)),
            )
        )


def _access_label(document: Document, grant: Grant | None, full: set[int], owned: set[int]) -> str:
    if document.is_public:
        return "Open to members"
    if document.council_id in full or document.owner_office_id in owned:
        return "Full access"
    if grant is not None:
        return "Granted: copy" if grant.can_copy else "Granted: inspect only"
    return "Request needed"


class DocumentDetailView(LoginRequiredMixin, TemplateView):
    template_name = "access_requests/document_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        document = visible_document(user, kwargs["pk"])
        can_read, grant, why_not = content_access(user, "inspect", document)
        can_copy, _, _ = content_access(user, "copy", document)
        return {
            **super().get_context_data(**kwargs),
            "document": document,
            "council": document.council,
            "can_read": can_read,
            "can_copy": can_copy,
            "grant": grant,
            "needs_undertaking": why_not == "undertaking",
            "can_read_log": permissions.document_has_full_access(user, document),
            "my_grants": selectors.person_grants(user=user, document=document),
            "can_request": not can_read and document.council_id in permissions.office_council_ids(user),
        }


class DocumentReadView(LoginRequiredMixin, View):
    """Reading in the browser: the content is rendered into the page; nothing is offered for download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = visible_document(request.user, pk)
        allowed, grant, why_not = content_access(request.user, "inspect", document)
        if why_not == "undertaking":
            assert grant is not None
            return redirect("access_requests:undertaking", pk=grant.request_id)
        if not allowed:
            raise PermissionDenied(why_not)
        services.access_log_record(
            person=request.user, document=document, grant=grant, action=AccessLogEntry.Action.VIEW, via="page"
        )
        can_copy, _, _ = content_access(request.user, "copy", document)
        return render(
            request,
            "access_requests/document_read.html",
            {
                "document": document,
                "council": document.council,
                "text": document_text(document),
                "grant": grant,
                "can_copy": can_copy,
                "title": document.title,
            },
        )


def copy_response(user: Any, document: Document, *, via: str) -> FileResponse:
    """A stamped copy, after the copy check; logged. Shared by the page and the API."""
    _, grant, why_not = content_access(user, "copy", document)
    if why_not == "undertaking":
        raise PermissionDenied("Accept the undertaking on the request page before taking a copy.")
    if why_not:
        raise PermissionDenied(why_not)
    services.access_log_record(
        person=user, document=document, grant=grant, action=AccessLogEntry.Action.DOWNLOAD, via=via
    )
    name = str(user)
    undertaking = grant.undertaking_text if grant else ""
    data, filename = document_stamped_copy(document, person_name=name, on=timezone.localdate(), undertaking=undertaking)
    response = FileResponse(
        BytesIO(data), as_attachment=True, filename=display_filename(filename), content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class DocumentCopyView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return copy_response(request.user, visible_document(request.user, pk), via="page")


class DocumentLogView(LoginRequiredMixin, TemplateView):
    template_name = "access_requests/document_log.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        document = visible_document(self.request.user, kwargs["pk"])
        permissions.document_log_check(self.request.user, document)
        return {
            **super().get_context_data(**kwargs),
            "document": document,
            "council": document.council,
            "entries": selectors.document_log(document=document),
        }
