"""Demo data for this app's tests: only the loaders the catalogue depends on (roles, then expectations)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps

NEEDED = ("roles", "expectations")


@pytest.fixture
def catalogue_reference(db):
    """Councils, offices, themes and the five adopted protocols (no people: faster)."""
    out = io.StringIO()
    for config in [c for c in apps.get_app_configs() if c.label in NEEDED]:
        config.load_reference_data(actor=None, stdout=out)  # type: ignore[attr-defined]


@pytest.fixture
def catalogue_demo(db):
    """The reference data plus the demo people and their offices."""
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
