"""Anonymous reading of the protocols: the theme x council comparison and one catalogue."""

from __future__ import annotations

from typing import Any


def scenarios(people: dict[str, Any]) -> list:
    from django.urls import reverse

    from benchmarks.run import Scenario

    return [
        Scenario("comparison matrix", "anonymous", reverse("expectations:compare")),
        Scenario("catalogue", "anonymous", reverse("expectations:catalogue", args=["tewkesbury"])),
    ]
