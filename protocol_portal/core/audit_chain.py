"""Seal history rows as they are written, and verify the seals later (``manage.py verify_audit``).

Each history table has its own chain: seal n carries HMAC(row) and
HMAC(seal n-1 chain || n || HMAC(row)). A changed row no longer matches its
row digest; a removed row leaves a seal without a row (changes the application
makes on purpose, such as retention, are recorded as keyed redactions); a removed or edited
seal breaks the chain; a row added behind the application's back has no seal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils.crypto import salted_hmac

from .models import AuditChainHead, AuditRedaction, AuditSeal


def _key() -> bytes:
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    if configured:
        return configured.encode()
    return salted_hmac("protocol_portal.audit_chain", "key").digest()


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


def seal_history_row(row: models.Model, *, note: str = "") -> AuditSeal:
    """Append ``row`` to its table's chain (called for every history row the application writes)."""
    table = table_label(type(row))
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(table=table)
        head = AuditChainHead.objects.select_for_update().get(table=table)
        digest = row_digest(row)
        head.seq += 1
        head.chain_digest = chain_digest(head.chain_digest, head.seq, digest)
        seal = AuditSeal.objects.create(
            table=table, seq=head.seq, history_pk=row.pk, row_digest=digest, chain_digest=head.chain_digest, note=note
        )
        head.save(update_fields=["seq", "chain_digest"])
    return seal


def _redaction_mac(table: str, history_pk: int, digest: str, removed: bool) -> str:
    return hmac.new(_key(), f"redaction|{table}|{history_pk}|{digest}|{removed}".encode(), hashlib.sha256).hexdigest()


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


def _redactions(table: str) -> tuple[dict[int, set[str]], set[int]]:
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


def on_history_row_created(sender: Any, history_instance: models.Model, **kwargs: Any) -> None:
    seal_history_row(history_instance)


def on_history_m2m_rows_created(sender: Any, created_rows: list[models.Model], **kwargs: Any) -> None:
    for row in created_rows:
        seal_history_row(row)


def history_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if m.__name__.startswith("Historical") and hasattr(m, "history_id")]


@dataclass
class TableReport:
    table: str
    rows: int = 0
    sealed: int = 0
    changed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    unsealed: list[int] = field(default_factory=list)
    chain_breaks: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.removed or self.unsealed or self.chain_breaks)


def verify_table(history_model: type[models.Model], *, batch: int = 2000) -> TableReport:
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
    redacted, redacted_away = _redactions(table)
    present: set[int] = set()
    for row in history_model._default_manager.order_by("pk").iterator(chunk_size=batch):
        report.rows += 1
        present.add(row.pk)
        expected = digests.get(row.pk)
        if expected is None:
            report.unsealed.append(row.pk)
        else:
            current = row_digest(row)
            if not hmac.compare_digest(expected, current) and current not in redacted.get(row.pk, set()):
                report.changed.append(row.pk)
    report.sealed = len(seen)
    report.removed = sorted(seen - present - redacted_away)
    return report


def seal_unsealed(history_model: type[models.Model], *, note: str) -> int:
    """Seal rows written in bulk (e.g. generated scale data), recording why."""
    table = table_label(history_model)
    sealed = set(AuditSeal.objects.filter(table=table).values_list("history_pk", flat=True))
    count = 0
    for row in history_model._default_manager.order_by("pk").iterator(chunk_size=2000):
        if row.pk not in sealed:
            seal_history_row(row, note=note)
            count += 1
    return count


def seal_bulk(history_model: type[models.Model], rows: list[models.Model], *, note: str) -> int:
    """Seal rows written by bulk_create_with_history, in one locked append per table."""
    if not rows:
        return 0
    table = table_label(history_model)
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(table=table)
        head = AuditChainHead.objects.select_for_update().get(table=table)
        seals = []
        for row in sorted(rows, key=lambda r: r.pk):
            digest = row_digest(row)
            head.seq += 1
            head.chain_digest = chain_digest(head.chain_digest, head.seq, digest)
            seals.append(
                AuditSeal(
                    table=table,
                    seq=head.seq,
                    history_pk=row.pk,
                    row_digest=digest,
                    chain_digest=head.chain_digest,
                    note=note,
                )
            )
        AuditSeal.objects.bulk_create(seals, batch_size=2000)
        head.save(update_fields=["seq", "chain_digest"])
    return len(seals)
