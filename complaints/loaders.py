"""Load ``fixtures/complaints``: every council's routing chains and deadlines (upsert: a rerun writes nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.db import transaction

from protocol_portal.core.loading import Tally, upsert
from roles.models import Committee, Council, Office, Person

from .models import ChainStep, ComplaintSettings, RoutingChain, StepNotice

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "complaints" / "chains.json"
DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "complaints" / "demo.json"
REASON = "Loaded from fixtures/complaints/chains.json"


def _office(council: Council, ref: str) -> Office:
    council_slug, _, slug = ref.rpartition(":")
    return Office.objects.get(council__slug=council_slug or council.slug, slug=slug)


def _target_values(council: Council, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": spec["rule"],
        "label": spec["label"],
        "office": _office(council, spec["office"]) if spec.get("office") else None,
        "level": spec.get("level", ""),
        "flag": spec.get("flag", ""),
        "committee": Committee.objects.get(council=council, slug=spec["committee"]) if spec.get("committee") else None,
        "role": spec.get("role", ""),
    }


def _step_values(council: Council, spec: dict[str, Any]) -> dict[str, Any]:
    only_if = spec.get("only_if_subject_holds")
    return {
        **_target_values(council, spec),
        "only_if_subject_holds": _office(council, only_if) if only_if else None,
        "complainant_may_choose": spec.get("complainant_may_choose", False),
    }


@transaction.atomic
def load_chains(*, actor: Any = None, stdout: TextIO | None = None) -> Tally:
    tally = Tally()
    data = json.loads(FIXTURE.read_text())
    for council_slug, spec in data.items():
        if council_slug.startswith("_"):
            continue
        council = Council.objects.get(slug=council_slug)
        upsert(ComplaintSettings, {"council": council}, spec["settings"], tally=tally, reason=REASON)
        for chain_spec in spec["chains"]:
            values = {
                k: chain_spec[k] for k in ("kind", "name", "clause", "description", "procedures", "informal_first")
            } | {"is_fallback": chain_spec.get("is_fallback", False)}
            chain = upsert(
                RoutingChain, {"council": council, "slug": chain_spec["slug"]}, values, tally=tally, reason=REASON
            )
            for position, step_spec in enumerate(chain_spec["steps"], start=1):
                step = upsert(
                    ChainStep,
                    {"chain": chain, "position": position},
                    _step_values(council, step_spec),
                    tally=tally,
                    reason=REASON,
                )
                for notice_spec in step_spec.get("notices", []):
                    values = _target_values(council, notice_spec)
                    upsert(StepNotice, {"step": step, "label": values.pop("label")}, values, tally=tally, reason=REASON)
    if stdout:
        stdout.write(f"Complaint routing chains: {tally}\n")
    return tally


@transaction.atomic
def load_demo_complaints(*, actor: Any = None, stdout: TextIO | None = None) -> int:
    """A few sample complaints, logged through the service once (matched by summary on reruns)."""
    from .models import Complaint
    from .services import complaint_create

    created = 0
    for spec in json.loads(DEMO_FIXTURE.read_text()):
        council = Council.objects.get(slug=spec["council"])
        if Complaint.objects.filter(council=council, summary=spec["summary"]).exists():
            continue
        people = {k: Person.objects.get(username=spec[k]) for k in ("logged_by", "complainant", "subject")}
        complaint_create(
            actor=people["logged_by"],
            council=council,
            complainant=people["complainant"],
            subject=people["subject"],
            summary=spec["summary"],
            details=spec["details"],
            channel=spec.get("channel", "online"),
            informal_first=spec.get("informal_first", True),
        )
        created += 1
    if stdout:
        stdout.write(f"Demo complaints: {created} created\n")
    return created
