"""The scenarios the benchmark drives: the main pages and API calls of the busiest people.

Objects are looked up in the benchmark database, so paths point at real records
that the person may see. Scenarios whose app is not installed are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.people import Busiest
    from benchmarks.run import Scenario


def build_scenarios(people: dict[str, Busiest]) -> list[Scenario]:
    import django

    django.setup()
    from django.templatetags.static import static

    from benchmarks.run import Scenario

    scenarios = [
        Scenario("floor: static file", "anonymous", static("portal/portal.css")),
        Scenario("floor: sign-in page", "anonymous", "/accounts/login/"),
        Scenario("health check", "anonymous", "/healthz/"),
        Scenario("council page", "anonymous", "/councils/tewkesbury/"),
        Scenario("councils API", "anonymous", "/api/councils/"),
        Scenario("offices API", "anonymous", "/api/councils/tewkesbury/offices/"),
    ]
    if "clerk" in people:
        scenarios.append(Scenario("clerk home", "clerk", "/", username=people["clerk"].username))
    for extra in _app_scenarios(people):
        scenarios.append(extra)
    return scenarios


def _app_scenarios(people: dict[str, Busiest]) -> list[Scenario]:
    """Scenarios of the expectations, complaints and access-request apps (added as they exist)."""
    from django.apps import apps

    found: list[Scenario] = []
    for label in ("expectations", "complaints", "access_requests"):
        try:
            module = __import__(f"benchmarks.scenarios_{label}", fromlist=["scenarios"])
        except ModuleNotFoundError:
            continue
        if apps.is_installed(label):
            found.extend(module.scenarios(people))
    return found
