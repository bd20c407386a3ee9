"""Demo data for this app's tests: the loaders this app depends on, in INSTALLED_APPS order.

The full ``load_demo`` also runs apps being built concurrently; loading only what access
requests need keeps these tests about this app.
"""

from __future__ import annotations

import io

import pytest
from django.apps import apps

NEEDED = ("roles", "expectations", "access_requests")


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


@pytest.fixture
def demo(db):
    load_access_demo()
