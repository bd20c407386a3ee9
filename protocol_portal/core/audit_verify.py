"""Verify the audit history (``manage.py verify_audit``).

Four questions, each answered from the database plus the audit key (and the
newest checkpoint held outside the database):
1. Does every history row match its seal (or a keyed redaction), and does every
   seal still have its row?  -> changed / removed
2. Is every history row sealed, or awaiting its seal for less than
   ``AUDIT_UNSEALED_MAX_SECONDS``, with a digest the application wrote?
   -> unsealed (too long), or added outside the application
3. Does each chain link correctly, end at its head, and still reach the newest
   signed checkpoint?  -> chain broken / rewound / truncated
4. Does every live row equal its latest history row?  -> live row changed
   (or created) outside the application
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from .audit_chain import chain_digest, redactions, row_digest, table_label
from .models import AuditChainHead, AuditPending, AuditSeal


@dataclass
class TableReport:
    table: str
    rows: int = 0
    sealed: int = 0
    awaiting: int = 0  # pending, within the bound: not a failure
    changed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    unsealed: list[int] = field(default_factory=list)  # no seal and no pending digest: added outside
    overdue: list[int] = field(default_factory=list)  # pending for longer than the bound
    chain_breaks: list[int] = field(default_factory=list)
    live_changed: list[Any] = field(default_factory=list)
    live_unrecorded: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.changed
            or self.removed
            or self.unsealed
            or self.overdue
            or self.chain_breaks
            or self.live_changed
            or self.live_unrecorded
        )


def verify_table(history_model: type[models.Model], *, batch: int = 2000, live: bool = True) -> TableReport:
    table = table_label(history_model)
    report = TableReport(table=table)
    previous = ""
    expected_seq = 1
    seen: set[int] = set()
    for seal in AuditSeal.objects.filter(table=table).order_by("seq").iterator(chunk_size=batch):
        if seal.seq != expected_seq or chain_digest(previous, seal.seq, seal.row_digest) != seal.chain_digest:
            report.chain_breaks.append(seal.seq)
        previous, expected_seq = seal.chain_digest, seal.seq + 1
        seen.add(seal.history_pk)
    head = AuditChainHead.objects.filter(table=table).first()
    if head is not None and (head.seq != expected_seq - 1 or head.chain_digest != previous):
        report.chain_breaks.append(head.seq)  # seals removed from the end of the chain
    digests = dict(AuditSeal.objects.filter(table=table).values_list("history_pk", "row_digest"))
    pending = {p.history_pk: p for p in AuditPending.objects.filter(table=table)}
    bound = timezone.now() - timedelta(seconds=settings.AUDIT_UNSEALED_MAX_SECONDS)
    redacted, redacted_away = redactions(table)
    present: set[int] = set()
    for row in history_model._default_manager.order_by("pk").iterator(chunk_size=batch):
        report.rows += 1
        present.add(row.pk)
        current = row_digest(row)
        expected = digests.get(row.pk)
        if expected is None:
            waiting = pending.get(row.pk)
            if waiting is None or not hmac.compare_digest(waiting.row_digest, current):
                if waiting is not None and current in redacted.get(row.pk, set()):
                    report.awaiting += 1
                    continue
                (report.changed if waiting is not None else report.unsealed).append(row.pk)
            elif waiting.created_at < bound:
                report.overdue.append(row.pk)
            else:
                report.awaiting += 1
        elif not hmac.compare_digest(expected, current) and current not in redacted.get(row.pk, set()):
            report.changed.append(row.pk)
    report.sealed = len(seen)
    report.removed = sorted(seen - present - redacted_away)
    if live:
        verify_live_rows(history_model, report, batch=batch)
    return report


def _comparable(value: Any) -> Any:
    return getattr(value, "name", value) if hasattr(value, "name") and hasattr(value, "storage") else value


def verify_live_rows(history_model: type[models.Model], report: TableReport, *, batch: int = 2000) -> None:
    """Compare each live row with its latest history row, field by tracked field."""
    tracked = getattr(history_model, "tracked_fields", None)
    if tracked is None:  # many-to-many history: snapshots of a set, checked through its parent
        return
    live_model: type[models.Model] = history_model.instance_type  # type: ignore[attr-defined]
    pk_name = live_model._meta.pk.attname
    names = [f.attname for f in tracked]
    last_pk: Any = None
    while True:
        queryset = live_model._base_manager.order_by("pk")
        if last_pk is not None:
            queryset = queryset.filter(pk__gt=last_pk)
        chunk = list(queryset[:batch])
        if not chunk:
            return
        last_pk = chunk[-1].pk
        latest: dict[Any, models.Model] = {}
        ids = [obj.pk for obj in chunk]
        for row in history_model._default_manager.filter(**{f"{pk_name}__in": ids}).order_by(pk_name, "history_id"):
            latest[getattr(row, pk_name)] = row  # ordered, so the last one wins
        for obj in chunk:
            last = latest.get(obj.pk)
            if last is None or last.history_type == "-":  # type: ignore[attr-defined]
                report.live_unrecorded.append(obj.pk)
            elif any(_comparable(getattr(obj, n)) != _comparable(getattr(last, n)) for n in names):
                report.live_changed.append(obj.pk)


@dataclass
class CheckpointReport:
    found: bool = False
    signed: bool = True
    problems: list[str] = field(default_factory=list)
    time: str = ""

    @property
    def ok(self) -> bool:
        return self.signed and not self.problems


def verify_checkpoint() -> CheckpointReport:
    """Every chain must still reach the head recorded in the newest checkpoint outside the database."""
    from .checkpoints import checkpoint_signature_ok, get_checkpoint_sink

    report = CheckpointReport()
    checkpoint = get_checkpoint_sink().latest()
    if checkpoint is None:
        return report
    report.found, report.time = True, str(checkpoint.get("time", ""))
    if not checkpoint_signature_ok(checkpoint):
        report.signed = False
        return report
    for table, (seq, digest) in sorted(checkpoint.get("tables", {}).items()):
        if not seq:
            continue
        seal = AuditSeal.objects.filter(table=table, seq=seq).first()
        head = AuditChainHead.objects.filter(table=table).first()
        if seal is None or head is None or head.seq < seq:
            have = head.seq if head else 0
            report.problems.append(f"{table}: chain truncated or rewound ({have} links, checkpoint has {seq})")
        elif not hmac.compare_digest(seal.chain_digest, digest):
            report.problems.append(f"{table}: link {seq} differs from the checkpoint (chain rewritten)")
    return report
