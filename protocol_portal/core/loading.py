"""Reference-data loading: the upsert every app's loader uses, so a second ``load_demo`` writes nothing.

Each app that has data to load defines ``load_reference_data`` and/or ``load_demo_data`` on its AppConfig
(``manage.py load_demo`` calls them in INSTALLED_APPS order, all reference data first); its loader reads
``fixtures/<app>/`` and calls ``upsert`` for each record, which writes (with a history row saying which
fixture) only what is new or different.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .audit import apply_changes, audited_save


class Tally:
    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def upsert(model: type[models.Model], lookup: dict, values: dict, *, tally: Tally, reason: str) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        audited_save(obj, actor=None, reason=reason)
        tally.created += 1
    elif apply_changes(obj, values):
        audited_save(obj, actor=None, reason=reason)
        tally.updated += 1
    return obj
