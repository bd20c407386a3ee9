"""A council's complaint-handling figures for a year (the LGSCO Code's annual report), in a fixed few queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count

from protocol_portal.core.workdays import working_days_between
from roles.models import Council

from .models import Channel, Complaint, ComplaintExtension, Finding, StageResponse
from .selectors import complaint_stages_for


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def complaints_report(*, council: Council, year: int) -> dict[str, Any]:
    """Counts by stage, finding, channel and subject office; deadlines met; working days; extensions;
    escalations and their findings; dismissals (not upheld) by handler. Complaints received in ``year``."""
    complaints = Complaint.objects.filter(council=council, received_on__year=year)
    stages = complaint_stages_for(council=council)
    total = complaints.count()
    by_stage = dict(complaints.values_list("stage").annotate(n=Count("pk")).order_by("stage"))
    by_channel = dict(complaints.values_list("channel").annotate(n=Count("pk")).order_by("channel"))
    by_office = list(
        complaints.values_list("subject_office__name").annotate(n=Count("pk")).order_by("-n", "subject_office__name")
    )
    responses = list(
        StageResponse.objects.filter(complaint__in=complaints.values("pk"))
        .select_related("handler")
        .order_by("stage", "pk")
    )
    extensions = list(
        ComplaintExtension.objects.filter(complaint__in=complaints.values("pk")).values_list("stage", "working_days")
    )

    per_stage: list[dict[str, Any]] = []
    for stage in stages:
        answered = [r for r in responses if r.stage == stage.number]
        within = sum(1 for r in answered if r.within_deadline)
        days = [working_days_between(r.started_on, r.responded_on) for r in answered]
        findings = Counter(r.finding for r in answered)
        stage_extensions = [d for s, d in extensions if s == stage.number]
        per_stage.append(
            {
                "stage": stage.number,
                "name": stage.name,
                "reached": sum(n for s, n in by_stage.items() if s >= stage.number),
                "answered": len(answered),
                "within_deadline": within,
                "within_deadline_percent": _share(within, len(answered)),
                "average_working_days": round(sum(days) / len(days), 1) if days else None,
                "findings": {f.value: findings.get(f.value, 0) for f in Finding},
                "extensions": len(stage_extensions),
                "extension_working_days": sum(stage_extensions),
            }
        )

    by_handler: dict[int, dict[str, Any]] = defaultdict(lambda: {"responses": 0, "not_upheld": 0})
    for r in responses:
        row = by_handler[r.handler_id]
        row["handler"] = str(r.handler)
        row["responses"] += 1
        row["not_upheld"] += r.finding == Finding.NOT_UPHELD
    dismissals = sorted(
        ({**row, "not_upheld_percent": _share(row["not_upheld"], row["responses"])} for row in by_handler.values()),
        key=lambda row: (-row["not_upheld"], row["handler"]),
    )
    escalated = [r for r in responses if r.stage >= 2]
    return {
        "council": council.slug,
        "council_name": council.name,
        "year": year,
        "total": total,
        "by_stage": {str(k): v for k, v in by_stage.items()},
        "by_channel": {c.value: by_channel.get(c.value, 0) for c in Channel},
        "by_subject_office": [{"office": name, "count": n} for name, n in by_office],
        "stages": per_stage,
        "escalations": sum(n for s, n in by_stage.items() if s >= 2),
        "escalation_findings": {f.value: sum(1 for r in escalated if r.finding == f) for f in Finding},
        "dismissals_by_handler": dismissals,
    }


def report_csv_rows(report: dict[str, Any]) -> list[list[Any]]:
    """The report as rows of (section, item, value) for a spreadsheet."""
    rows: list[list[Any]] = [["section", "item", "value"], ["total", "complaints received", report["total"]]]
    for stage in report["stages"]:
        prefix = stage["name"]
        for key in ("reached", "answered", "within_deadline", "within_deadline_percent", "average_working_days"):
            rows.append([prefix, key.replace("_", " "), stage[key]])
        rows.append([prefix, "extensions", stage["extensions"]])
        rows.append([prefix, "extension working days", stage["extension_working_days"]])
        for finding, n in stage["findings"].items():
            rows.append([prefix, f"finding: {Finding(finding).label}", n])
    for channel, n in report["by_channel"].items():
        rows.append(["channel", str(Channel(channel).label), n])
    for row in report["by_subject_office"]:
        rows.append(["subject office", row["office"], row["count"]])
    rows.append(["escalations", "to stage 2 or later", report["escalations"]])
    for row in report["dismissals_by_handler"]:
        rows.append(["not upheld by handler", row["handler"], f"{row['not_upheld']} of {row['responses']}"])
    return rows
