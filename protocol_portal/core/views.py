from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from django.views.decorators.cache import never_cache

from .health import readiness
from .policies import visible_queryset


class HistoryView(LoginRequiredMixin, View):
    """Who changed what, when, and why, for any record the user may see."""

    def get(self, request: HttpRequest, label: str, pk: int) -> HttpResponse:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            raise Http404("No such record type.") from None
        queryset = visible_queryset(request.user, model)
        if queryset is None or not hasattr(model, "history"):
            raise Http404("No history for this record type.")
        obj = get_object_or_404(queryset, pk=pk)
        records = list(
            obj.history.select_related("history_user").order_by("history_date", "history_id")  # type: ignore[attr-defined]
        )
        rows = []
        previous = None
        for record in records:
            changes: list[tuple[str, object, object]] = []
            if previous is not None:
                delta = record.diff_against(previous)
                changes = [(c.field, c.old, c.new) for c in delta.changes]
            rows.append({"record": record, "changes": changes})
            previous = record
        rows.reverse()
        return render(
            request,
            "core/history.html",
            {"object": obj, "rows": rows, "verbose_name": model._meta.verbose_name},
        )


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/rate_limited.html", status=429)


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches nothing else (and is the performance benchmark's floor)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, cache, broker and storage each answer; 503 when one does not."""
    ready, checks = readiness()
    return JsonResponse({"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503)
