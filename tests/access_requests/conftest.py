"""Demo data for this app's tests, independent of apps being built concurrently.

Loads the roles and this app's loaders, then the adopted protocols' access clauses
(straight from fixtures/expectations, as factory rows) so recommendations can cite them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings

from expectations.models import Clause, ProtocolDocument
from roles.models import Council

NEEDED = ("roles", "access_requests")


def load_access_clauses() -> None:
    """An adopted protocol per council holding its access-to-information clauses (if not loaded already)."""
    for path in sorted((Path(settings.BASE_DIR) / "fixtures" / "expectations").glob("*.json")):
        data = json.loads(path.read_text())
        if not isinstance(data, dict) or "clauses" not in data:
            continue
        council = Council.objects.filter(slug=data["council"]).first()
        if council is None or ProtocolDocument.objects.filter(council=council, status="adopted").exists():
            continue
        protocol = ProtocolDocument.objects.create(
            council=council, title=data["protocol"]["title"][:200], version="test", status="adopted"
        )
        for position, clause in enumerate(data["clauses"]):
            if clause["kind"] == "access_rule" or clause["number"].startswith(("3.", "A-")):
                Clause.objects.create(
                    document=protocol,
                    number=clause["number"],
                    kind=clause["kind"],
                    text=clause["text"],
                    position=position,
                )


def load_access_demo() -> None:
    out = io.StringIO()
    configs = [c for c in apps.get_app_configs() if c.label in NEEDED]
    for config in configs:
        loader = getattr(config, "load_reference_data", None)
        if loader:
            loader(actor=None, stdout=out)
    for config in configs:
        loader = getattr(config, "load_demo_data", None)
        if loader:
            loader(actor=None, stdout=out)
    load_access_clauses()
