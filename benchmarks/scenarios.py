"""The scenarios the benchmark drives: the main pages and API calls of each role.

Objects are looked up in the benchmark database, so paths point at real records
that the role may see. Scenarios whose app is not installed are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.run import Scenario


def build_scenarios() -> list[Scenario]:
    import django

    django.setup()
    from benchmarks.run import Scenario

    scenarios = [
        Scenario("floor", "anonymous", "/healthz/"),
        Scenario("council page", "anonymous", "/councils/tewkesbury/"),
        Scenario("councils API", "anonymous", "/api/councils/"),
        Scenario("offices API", "anonymous", "/api/councils/tewkesbury/offices/"),
        Scenario("clerk home", "clerk", "/", username="ll-town-clerk"),
    ]
    for extra in _app_scenarios():
        scenarios.append(extra)
    return scenarios


def _app_scenarios() -> list[Scenario]:
    """Scenarios of the expectations, complaints and access-request apps (added as they exist)."""
    from django.apps import apps

    found: list[Scenario] = []
    for label in ("expectations", "complaints", "access_requests"):
        try:
            module = __import__(f"benchmarks.scenarios_{label}", fromlist=["scenarios"])
        except ModuleNotFoundError:
            continue
        if apps.is_installed(label):
            found.extend(module.scenarios())
    return found
