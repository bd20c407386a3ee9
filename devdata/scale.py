"""Synthetic data at council scale, written fast: bulk inserts in batches, with history and seals.

Each app's generator is ``devdata/generators/<app label>.py`` with ``generate(ctx)``; they run in
INSTALLED_APPS order and share one ScaleContext (the councils, people and offices made so far).
Development-only: nothing here ships in the production apps.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import models
from simple_history.utils import bulk_create_with_history
from tqdm import tqdm

from protocol_portal.core.audit_chain import seal_bulk

T = TypeVar("T")
BATCH = 2000
REASON = "Synthetic scale data (generate_scale_data)"


@dataclass(frozen=True)
class ScaleSize:
    councils: int
    complaints: int
    requests: int
    documents: int


SIZES = {
    "small": ScaleSize(councils=20, complaints=400, requests=400, documents=100),
    "medium": ScaleSize(councils=1_000, complaints=100_000, requests=100_000, documents=20_000),
    "large": ScaleSize(councils=10_000, complaints=1_000_000, requests=1_000_000, documents=200_000),
}


@dataclass
class ScaleContext:
    size: ScaleSize
    rng: random.Random
    stdout: Any
    progress: bool = True
    created: Counter = field(default_factory=Counter)
    # Filled by roles.scale and used by later generators.
    councils: list[Any] = field(default_factory=list)
    offices_by_council: dict[int, dict[str, Any]] = field(default_factory=dict)
    holders_by_office: dict[int, list[Any]] = field(default_factory=dict)
    members_by_council: dict[int, list[Any]] = field(default_factory=dict)
    officers_by_council: dict[int, list[Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    def bar(self, iterable: Iterable[T], *, total: int | None = None, desc: str) -> Iterator[T]:
        return iter(tqdm(iterable, total=total, desc=desc, unit="row", disable=not self.progress, leave=False))


def batched(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_with_history(ctx: ScaleContext, model: type[models.Model], objs: list[Any], *, desc: str) -> list[Any]:
    """bulk_create with one history row per object, sealed into the audit chain, in batches."""
    created: list[Any] = []
    history_model = model.history.model  # type: ignore[attr-defined]
    pk_name = model._meta.pk.attname
    for chunk in ctx.bar(list(batched(objs)), desc=desc):
        rows = bulk_create_with_history(list(chunk), model, batch_size=BATCH, default_change_reason=REASON)
        created.extend(rows)
        history = list(history_model.objects.filter(**{f"{pk_name}__in": [r.pk for r in rows]}))
        seal_bulk(history_model, history, note=REASON)
    ctx.created[model._meta.label] += len(created)
    return created


def bulk_plain(ctx: ScaleContext, model: type[models.Model], objs: list[Any], *, desc: str) -> list[Any]:
    """bulk_create for rows that carry no history (permission rows, access-log entries)."""
    created: list[Any] = []
    for chunk in ctx.bar(list(batched(objs)), desc=desc):
        created.extend(model._default_manager.bulk_create(list(chunk), batch_size=BATCH))
    ctx.created[model._meta.label] += len(created)
    return created
