"""Seal history rows into per-table HMAC chains, off the request path.

A request writes its history rows and, in the same transaction, one
``AuditPending`` row per history row carrying the row's keyed digest. Nothing
shared is locked: concurrent requests never wait on each other here.

After commit the sealer (``seal_pending``) runs: inline on SQLite (embedded
mode) and with eager tasks, otherwise as the Celery task
``core.audit_seal_pending``, enqueued on commit and run by beat every minute.
One sealer runs at a time (a PostgreSQL advisory lock, taken with
``pg_try_advisory_lock``: a second sealer returns at once). It seals whatever
is pending, not "ids above the last sealed" (ids commit out of order), in a
fixed order (table, history id), in batches of short transactions, and then
writes a signed checkpoint of every chain's head outside the database
(``checkpoints.py``). Running it twice seals nothing twice.

Seal n of a table carries the row digest and HMAC(seal n-1 || n || digest). A
changed row no longer matches its digest; a removed row leaves a seal without a
row (changes the application makes on purpose, such as retention, are recorded
as keyed redactions); a removed or edited seal breaks the chain; a rewound
chain no longer reaches the newest checkpoint; a row added behind the
application's back has neither a seal nor a valid pending digest.
Verification lives in ``audit_verify.py``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.utils.crypto import salted_hmac

from .models import AuditChainHead, AuditPending, AuditRedaction, AuditSeal

logger = logging.getLogger(__name__)

SEALER_LOCK_ID = 0x5EA1_0A0D  # the advisory lock that makes the sealer single-flight
_local_sealer = threading.Lock()  # the same guarantee inside one process (SQLite has no advisory locks)
_seal_guard = threading.Lock()
_seal_published_at = -1e9  # monotonic time this process last published a sealing run
_seal_timer: threading.Timer | None = None  # a trailing publish already due


def _key() -> bytes:
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    if configured:
        return configured.encode()
    return salted_hmac("protocol_portal.audit_chain", "key").digest()


def keyed_mac(message: str) -> str:
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def _canonical(row: models.Model) -> bytes:
    values: dict[str, Any] = {}
    for f in row._meta.concrete_fields:
        value = f.value_from_object(row)
        values[f.attname] = getattr(value, "name", value) if isinstance(f, models.FileField) else value
    return json.dumps(values, sort_keys=True, cls=DjangoJSONEncoder).encode()


def row_digest(row: models.Model) -> str:
    return hmac.new(_key(), _canonical(row), hashlib.sha256).hexdigest()


def chain_digest(previous: str, seq: int, digest: str) -> str:
    return hmac.new(_key(), f"{previous}|{seq}|{digest}".encode(), hashlib.sha256).hexdigest()


def table_label(history_model: type[models.Model]) -> str:
    return history_model._meta.label_lower


# --- the write path: record what must be sealed, nothing more -------------------------------------


def record_pending(rows: list[models.Model], *, schedule: bool = True) -> None:
    """Note ``rows`` (history rows just written) for the sealer, in the caller's transaction."""
    if not rows:
        return
    AuditPending.objects.bulk_create(
        [AuditPending(table=table_label(type(r)), history_pk=r.pk, row_digest=row_digest(r)) for r in rows]
    )
    if schedule:
        schedule_sealing()


def _after_commit_seal() -> None:
    """Runs once per committed transaction that wrote history rows."""
    from .tasks import audit_seal_pending

    if connection.vendor == "sqlite" or audit_seal_pending.app.conf.task_always_eager:
        try:
            seal_pending()
        except DatabaseError:  # the data is committed; the next run (or beat) seals it
            logger.warning("Inline sealing failed; rows stay pending for the next run", exc_info=True)
        return
    _publish_debounced()


def _publish_seal() -> None:
    from .enqueue import enqueue
    from .tasks import audit_seal_pending

    enqueue(audit_seal_pending)


def _publish_trailing() -> None:
    global _seal_timer, _seal_published_at
    with _seal_guard:
        _seal_timer, _seal_published_at = None, time.monotonic()
    _publish_seal()


def _publish_debounced() -> None:
    """At most one sealing run per process per ``AUDIT_SEAL_DEBOUNCE_SECONDS``, and never one too few.

    The first commit publishes at once; commits within the interval after it share one run,
    published from a timer thread when the interval ends, so that run starts after all of
    them committed. (Not a countdown: messages held by a worker until due are fragile when
    the broker drops.)
    """
    global _seal_timer, _seal_published_at
    interval = float(settings.AUDIT_SEAL_DEBOUNCE_SECONDS)
    with _seal_guard:
        wait = _seal_published_at + interval - time.monotonic()
        if wait <= 0:
            _seal_published_at = time.monotonic()
            now = True
        else:
            now = False
            if _seal_timer is None:
                _seal_timer = threading.Timer(wait, _publish_trailing)
                _seal_timer.daemon = True
                _seal_timer.start()
    if now:
        _publish_seal()


def schedule_sealing() -> None:
    """Ask for one sealing run after the current transaction commits (once per transaction)."""
    pending = connection.run_on_commit if connection.in_atomic_block else []
    if any(entry[1] is _after_commit_seal for entry in pending):
        return
    transaction.on_commit(_after_commit_seal)


def on_history_row_created(sender: Any, history_instance: models.Model, **kwargs: Any) -> None:
    record_pending([history_instance])


def on_history_m2m_rows_created(sender: Any, created_rows: list[models.Model], **kwargs: Any) -> None:
    record_pending(list(created_rows))


# --- the sealer ------------------------------------------------------------------------------------


@dataclass
class SealRun:
    ran: bool  # False when another sealer held the lock
    sealed: int = 0
    checkpoint: dict | None = None


@contextmanager
def _single_flight() -> Iterator[bool]:
    if not _local_sealer.acquire(blocking=False):
        yield False
        return
    try:
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [SEALER_LOCK_ID])
            acquired = bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [SEALER_LOCK_ID])
    finally:
        _local_sealer.release()


def _seal_batch(pending: list[AuditPending], *, note: str) -> int:
    """Append one batch to the chains (one short transaction; only the sealer is here)."""
    sealed = 0
    by_table: dict[str, list[AuditPending]] = {}
    for p in pending:
        by_table.setdefault(p.table, []).append(p)
    for table in sorted(by_table):
        items = sorted(by_table[table], key=lambda p: p.history_pk)
        already = set(
            AuditSeal.objects.filter(table=table, history_pk__in=[p.history_pk for p in items]).values_list(
                "history_pk", flat=True
            )
        )
        AuditChainHead.objects.get_or_create(table=table)
        head = AuditChainHead.objects.select_for_update(of=("self",), no_key=True).get(table=table)
        seals = []
        for p in items:
            if p.history_pk in already:
                continue  # sealed by an earlier run that stopped before removing its pending rows
            head.seq += 1
            head.chain_digest = chain_digest(head.chain_digest, head.seq, p.row_digest)
            seals.append(
                AuditSeal(
                    table=table,
                    seq=head.seq,
                    history_pk=p.history_pk,
                    row_digest=p.row_digest,
                    chain_digest=head.chain_digest,
                    note=note,
                )
            )
        AuditSeal.objects.bulk_create(seals)
        head.save(update_fields=["seq", "chain_digest"])
        sealed += len(seals)
    AuditPending.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return sealed


def seal_pending(*, batch_size: int | None = None, max_batches: int = 1000, note: str = "") -> SealRun:
    """Seal every pending history row, then write a signed checkpoint. Single-flight, idempotent."""
    size = batch_size if batch_size is not None else int(settings.AUDIT_SEAL_BATCH)
    with _single_flight() as acquired:
        if not acquired:
            return SealRun(ran=False)
        run = SealRun(ran=True)
        for _ in range(max_batches):
            with transaction.atomic():
                pending = list(AuditPending.objects.order_by("table", "history_pk")[:size])
                if pending:
                    run.sealed += _seal_batch(pending, note=note)
            if len(pending) < size:
                break
        if run.sealed:
            from .checkpoints import checkpoint_publish

            run.checkpoint = checkpoint_publish()
    return run


# --- application changes to history, and bulk loads -------------------------------------------------


def _redaction_mac(table: str, history_pk: int, digest: str, removed: bool) -> str:
    return keyed_mac(f"redaction|{table}|{history_pk}|{digest}|{removed}")


def redact_history_row(row: models.Model, *, reason: str, remove: bool = False) -> None:
    """Record that the application itself changed or removed a history row (e.g. retention)."""
    table = table_label(type(row))
    digest = "" if remove else row_digest(row)
    AuditRedaction.objects.create(
        table=table,
        history_pk=row.pk,
        row_digest=digest,
        removed=remove,
        reason=reason[:300],
        mac=_redaction_mac(table, row.pk, digest, remove),
    )


def redactions(table: str) -> tuple[dict[int, set[str]], set[int]]:
    digests: dict[int, set[str]] = {}
    removed: set[int] = set()
    for r in AuditRedaction.objects.filter(table=table):
        if not hmac.compare_digest(r.mac, _redaction_mac(table, r.history_pk, r.row_digest, r.removed)):
            continue  # a forged redaction record counts for nothing
        if r.removed:
            removed.add(r.history_pk)
        else:
            digests.setdefault(r.history_pk, set()).add(r.row_digest)
    return digests, removed


def history_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if m.__name__.startswith("Historical") and hasattr(m, "history_id")]


def seal_unsealed(history_model: type[models.Model], *, note: str) -> int:
    """Seal history rows that have neither a seal nor a pending digest (bulk loads), recording why."""
    table = table_label(history_model)
    known = set(AuditSeal.objects.filter(table=table).values_list("history_pk", flat=True))
    known |= set(AuditPending.objects.filter(table=table).values_list("history_pk", flat=True))
    rows = [r for r in history_model._default_manager.order_by("pk").iterator(chunk_size=2000) if r.pk not in known]
    for start in range(0, len(rows), 2000):
        with transaction.atomic():
            record_pending(rows[start : start + 2000], schedule=False)
    seal_pending(note=note)
    return len(rows)


def seal_bulk(history_model: type[models.Model], rows: list[models.Model], *, note: str) -> int:
    """Seal rows written by bulk_create_with_history (scale data): pending digests, then one sealing run."""
    if not rows:
        return 0
    if connection.in_atomic_block:
        record_pending(rows)  # sealed by the run scheduled for the caller's commit
        return len(rows)
    with transaction.atomic():
        record_pending(rows, schedule=False)
    seal_pending(note=note)
    return len(rows)
