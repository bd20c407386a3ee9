"""The complaint-handling report per council and year: page with charts, CSV, printable annual report."""

from __future__ import annotations

import csv
from html import unescape
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from protocol_portal.core.workdays import today
from roles.models import Council

from ..models import Channel, Finding
from ..permissions import complaints_report_check
from ..report_charts import bar_chart
from ..reports import complaints_report, report_csv_rows


def report_year(raw: str | None) -> int:
    """The year asked for (this year if none); a clear refusal for anything that is not a year."""
    if not raw:
        return today().year
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise ValueError("Give the year as four digits, e.g. 2026.")
    return int(raw)


def chart_title(svg: str) -> str:
    """The chart's own title (the SVG carries it for screen readers; the page shows it as a heading)."""
    start = svg.find("<title>") + len("<title>")
    return unescape(svg[start : svg.find("</title>")])


class ComplaintsReportView(LoginRequiredMixin, TemplateView):
    template_name = "complaints/report.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        complaints_report_check(request.user, self.council)
        try:
            self.year = report_year(request.GET.get("year"))
        except ValueError as exc:
            self.year, self.year_error = today().year, str(exc)
        else:
            self.year_error = ""
        self.report = complaints_report(council=self.council, year=self.year)
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="complaints-{self.council.slug}-{self.year}.csv"'
            csv.writer(response).writerows(report_csv_rows(self.report))
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self) -> list[str]:
        if self.request.GET.get("print"):
            return ["complaints/report_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.report
        stages = report["stages"]
        charts = [
            bar_chart(
                title="Complaints by channel",
                rows=[(str(Channel(c).label), n) for c, n in report["by_channel"].items() if n],
            ),
            bar_chart(
                title="Answered within the deadline, by stage",
                rows=[(s["name"], s["within_deadline_percent"] or 0) for s in stages],
                unit="%",
                max_value=100,
            ),
            bar_chart(
                title="Average working days to respond, by stage",
                rows=[(s["name"], s["average_working_days"] or 0) for s in stages],
            ),
            bar_chart(
                title="Findings at stage 1",
                rows=[(str(Finding(f).label), n) for f, n in (stages[0]["findings"] if stages else {}).items()],
            ),
            bar_chart(
                title="Findings after escalation",
                rows=[(str(Finding(f).label), n) for f, n in report["escalation_findings"].items()],
            ),
            bar_chart(
                title="Not upheld, by handler",
                rows=[(r["handler"], r["not_upheld"]) for r in report["dismissals_by_handler"]],
            ),
            bar_chart(
                title="Complaints by the office complained about",
                rows=[(r["office"], r["count"]) for r in report["by_subject_office"][:10]],
            ),
        ]
        return {
            **super().get_context_data(**kwargs),
            "title": f"Complaint handling {self.year}",
            "council": self.council,
            "year": self.year,
            "year_error": self.year_error,
            "report": report,
            "charts": [{"title": chart_title(svg), "svg": svg} for svg in charts],
            "years": list(range(today().year, today().year - 5, -1)),
        }
