"""Public reading: the catalogues, versions, clause permalinks, search, comparison and exports.

Protocols are public documents: no page here needs signing in. Drafts are the
exception and appear only to those ``documents_visible_to`` allows (404 otherwise).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from roles.models import Council

from .. import selectors
from ..models import Clause, ProtocolDocument, Theme
from ..permissions import can_manage_protocol, documents_visible_to


class CouncilDocumentMixin:
    """Resolves ``council`` and the version: the adopted one, or ``version`` from the URL."""

    request: HttpRequest
    kwargs: dict[str, Any]
    allow_missing_adopted = False

    def resolve(self) -> tuple[Council, ProtocolDocument | None]:
        council = get_object_or_404(Council.objects.select_related("principal_council"), slug=self.kwargs["council"])
        version = self.kwargs.get("version")
        if version is None:
            document = selectors.council_adopted_document(council=council)
            if document is None and not self.allow_missing_adopted:
                raise Http404("This council has no adopted protocol.")
        else:
            document = get_object_or_404(
                documents_visible_to(self.request.user).select_related("supersedes"), council=council, version=version
            )
        if document is not None:
            document.council = council  # already loaded: saves a query per page
        return council, document

    def common(self, council: Council, document: ProtocolDocument | None) -> dict[str, Any]:
        superseded_by = None
        if document is not None and document.status == ProtocolDocument.Status.SUPERSEDED:
            superseded_by = ProtocolDocument.objects.filter(supersedes=document).first()
        return {
            "council": council,
            "document": document,
            "superseded_by": superseded_by,
            "is_current": document is not None and document.status == ProtocolDocument.Status.ADOPTED,
            "can_manage": can_manage_protocol(self.request.user, council),
            "kinds": Clause.Kind.choices,
        }


def _version_kwargs(document: ProtocolDocument, current: bool) -> dict[str, str]:
    return (
        {"council": document.council.slug}
        if current
        else {"council": document.council.slug, "version": document.version}
    )


class CatalogueIndexView(TemplateView):
    template_name = "expectations/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "rows": selectors.councils_with_protocols(),
            "themes": Theme.objects.order_by("sort_order", "name"),
            "unread": selectors.person_unread_protocols(person=self.request.user),
            "title": "Protocols",
        }


class CatalogueView(CouncilDocumentMixin, TemplateView):
    """One council's protocol version, grouped by who expects what of whom, with search."""

    template_name = "expectations/catalogue.html"
    allow_missing_adopted = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council, document = self.resolve()
        query = self.request.GET.get("q", "").strip()[:200]
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in Clause.Kind.values else ""
        theme = self.request.GET.get("theme", "")[:80]
        groups = []
        clause_total = 0
        if document is not None:
            clauses = list(selectors.document_clauses(document=document, query=query, kind=kind, theme=theme))
            for clause in clauses:
                clause.document = document  # the one version on this page: no query per clause
            clause_total = len(clauses)
            groups = selectors.clauses_grouped(clauses)
        current = self.kwargs.get("version") is None
        context = {
            **super().get_context_data(**kwargs),
            **self.common(council, document),
            "groups": groups,
            "clause_total": clause_total,
            "query": query,
            "kind": kind,
            "theme": theme,
            "themes": Theme.objects.order_by("sort_order", "name"),
            "filtered": bool(query or kind or theme),
            "version_url_kwargs": _version_kwargs(document, current) if document else {},
            "clause_url_name": "expectations:clause-detail" if current else "expectations:version-clause-detail",
            "title": f"{council.name}: protocol",
        }
        if document is not None and current:
            context["unread"] = document in selectors.person_unread_protocols(person=self.request.user)
        return context


class VersionDetailView(CatalogueView):
    pass


class VersionListView(CouncilDocumentMixin, TemplateView):
    template_name = "expectations/versions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = get_object_or_404(Council, slug=self.kwargs["council"])
        versions = list(selectors.council_versions(council=council, user=self.request.user))
        return {
            **super().get_context_data(**kwargs),
            "council": council,
            "versions": versions,
            "can_manage": can_manage_protocol(self.request.user, council),
            "title": f"{council.name}: protocol versions",
        }


class VersionTextView(CouncilDocumentMixin, TemplateView):
    template_name = "expectations/text.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council, document = self.resolve()
        return {**super().get_context_data(**kwargs), **self.common(council, document), "title": "Full text"}


class ClauseDetailView(CouncilDocumentMixin, TemplateView):
    """The stable address of one clause: of the adopted version, or of a named version."""

    template_name = "expectations/clause.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council, document = self.resolve()
        clause = get_object_or_404(
            Clause.objects.prefetch_related("themes"), document=document, number=self.kwargs["number"]
        )
        clause.document = document  # type: ignore[assignment]
        themes = list(clause.themes.all())
        current = self.kwargs.get("version") is None
        return {
            **super().get_context_data(**kwargs),
            **self.common(council, document),
            "clause": clause,
            "themes": themes,
            "permalink": self.request.build_absolute_uri(
                reverse("expectations:version-clause-detail", args=[council.slug, document.version, clause.number])  # type: ignore[union-attr]
            ),
            "current_link": self.request.build_absolute_uri(
                reverse("expectations:clause-detail", args=[council.slug, clause.number])
            ),
            "version_url_kwargs": _version_kwargs(document, current),  # type: ignore[arg-type]
            "title": f"{council.code.upper()} {clause.number}",
        }


COMPARE_MAX_COUNCILS = 12


class CompareView(TemplateView):
    """The theme x council matrix; one theme (or a few) shows every council's clause text in full."""

    template_name = "expectations/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        theme_slugs = [s[:80] for s in self.request.GET.getlist("theme") if s][:30]
        council_slugs = [s[:80] for s in self.request.GET.getlist("council") if s]
        council_slugs += [s.strip()[:80] for s in self.request.GET.get("councils", "").split(",") if s.strip()]
        council_slugs = council_slugs[:COMPARE_MAX_COUNCILS]
        matrix = selectors.comparison_matrix(
            theme_slugs=theme_slugs, council_slugs=council_slugs, limit=COMPARE_MAX_COUNCILS
        )
        if theme_slugs and not matrix.rows:
            raise Http404("No such theme.")
        return {
            **super().get_context_data(**kwargs),
            "matrix": matrix,
            "focused": bool(theme_slugs) and len(matrix.rows) <= 3,
            "selected_themes": theme_slugs,
            "selected_councils": ", ".join(council_slugs),
            "all_themes": Theme.objects.order_by("sort_order", "name"),
            "title": "Compare councils' protocols"
            + (f": {', '.join(r.theme.name for r in matrix.rows)}" if theme_slugs else ""),
        }


class SearchView(TemplateView):
    """Search every council's adopted protocol (or one council's) by words, kind and theme."""

    template_name = "expectations/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.get("q", "").strip()[:200]
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in Clause.Kind.values else ""
        theme = self.request.GET.get("theme", "")[:80]
        council_slug = selectors.clean_param(self.request.GET.get("council", ""), 80)
        council = Council.objects.filter(slug=council_slug).first() if council_slug else None
        searched = bool(query or kind or theme)
        page = None
        if searched:
            results = selectors.clauses_search(query=query, council=council, kind=kind, theme=theme)
            page = Paginator(results, 50).get_page(self.request.GET.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "query": query,
            "kind": kind,
            "theme": theme,
            "council": council,
            "council_slug": council_slug,
            "page": page,
            "searched": searched,
            "councils": Council.objects.filter(protocols__status=ProtocolDocument.Status.ADOPTED).order_by("name"),
            "themes": Theme.objects.order_by("sort_order", "name"),
            "kinds": Clause.Kind.choices,
            "title": "Search protocols",
        }


def clause_export_row(clause: Clause) -> dict[str, Any]:
    return {
        "number": clause.number,
        "section": clause.section,
        "kind": clause.kind,
        "kind_label": clause.get_kind_display(),
        "text": clause.text,
        "themes": [t.slug for t in clause.themes.all()],
    }


class ExportView(CouncilDocumentMixin, TemplateView):
    """The catalogue as CSV (for spreadsheets) or JSON (with document control)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs["fmt"]
        if fmt not in ("csv", "json"):
            raise Http404("Exports are CSV or JSON.")
        council, document = self.resolve()
        assert document is not None
        rows = [clause_export_row(c) for c in selectors.document_clauses(document=document)]
        filename = f"{council.slug}-protocol-v{document.version}.{fmt}".replace('"', "")
        if fmt == "json":
            body = {
                "council": council.slug,
                "council_name": council.name,
                "title": document.title,
                "version": document.version,
                "status": document.status,
                "adopted_on": document.adopted_on.isoformat() if document.adopted_on else None,
                "adoption_note": document.adoption_note,
                "last_reviewed": document.last_reviewed.isoformat() if document.last_reviewed else None,
                "review_due": document.review_due.isoformat() if document.review_due else None,
                "clauses": rows,
            }
            response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json")
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
            writer = csv.writer(response)
            writer.writerow(["council", "version", "number", "section", "kind", "text", "themes"])
            for row in rows:
                writer.writerow(
                    [
                        council.slug,
                        document.version,
                        *(_csv_safe(row[k]) for k in ("number", "section", "kind_label", "text")),
                        " ".join(row["themes"]),
                    ]
                )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class PrintView(CouncilDocumentMixin, TemplateView):
    """A plain page with a print stylesheet: clause numbers and text, in document order."""

    template_name = "expectations/print.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council, document = self.resolve()
        assert document is not None
        clauses = list(selectors.document_clauses(document=document))
        return {
            **super().get_context_data(**kwargs),
            **self.common(council, document),
            "clauses": clauses,
            "title": f"{council.name}: {document.title}",
        }
