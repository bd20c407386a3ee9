"""Signed checkpoints of the audit chains, kept outside the database.

After each sealing run the sealer writes one checkpoint: every chain's length
and head digest, their totals, the time, and an HMAC over all of it with the
audit key (which is not in the database). ``verify_audit`` compares the
database with the newest checkpoint it can read, so a chain that was rewound
or truncated in the database no longer reaches a head someone else holds.

Where checkpoints go (``get_checkpoint_sink``):
- ``AUDIT_CHECKPOINT_BUCKET`` set: object storage with object lock
  (``checkpoint_s3.S3CheckpointSink``);
- otherwise an append-only JSON-lines file per database under
  ``AUDIT_CHECKPOINT_DIR``.
Each checkpoint is also e-mailed to ``AUDIT_CHECKPOINT_EMAILS`` when set.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


class CheckpointSink(Protocol):
    def append(self, checkpoint: dict) -> None: ...

    def latest(self) -> dict | None: ...


class FileCheckpointSink:
    """One JSON line per checkpoint, appended and flushed to disk; never rewritten by the portal."""

    def __init__(self, directory: Path | str, name: str) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"{name}.jsonl"

    def append(self, checkpoint: dict) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps(checkpoint, sort_keys=True) + "\n"
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def latest(self) -> dict | None:
        if not self.path.exists():
            return None
        with open(self.path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 1_048_576))  # the newest lines are at the end
            tail = handle.read().decode("utf-8", errors="replace")
        for line in reversed(tail.splitlines()):
            try:
                parsed = json.loads(line)
            except ValueError:
                continue  # a torn last line (crash mid-write) is skipped, not trusted
            if isinstance(parsed, dict):
                return parsed
        return None


def _database_name() -> str:
    name = Path(str(connection.settings_dict.get("NAME") or "default")).stem
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{connection.vendor}-{name}")


def get_checkpoint_sink() -> CheckpointSink:
    bucket = getattr(settings, "AUDIT_CHECKPOINT_BUCKET", "")
    if bucket:
        from .checkpoint_s3 import S3CheckpointSink  # type: ignore[import-not-found,unused-ignore]

        sink: CheckpointSink = S3CheckpointSink(bucket)
        return sink
    return FileCheckpointSink(settings.AUDIT_CHECKPOINT_DIR, _database_name())


def _signed_part(checkpoint: dict) -> bytes:
    return json.dumps({k: v for k, v in checkpoint.items() if k != "hmac"}, sort_keys=True).encode()


def checkpoint_sign(checkpoint: dict) -> dict:
    from .audit_chain import _key

    return {**checkpoint, "hmac": hmac.new(_key(), _signed_part(checkpoint), hashlib.sha256).hexdigest()}


def checkpoint_signature_ok(checkpoint: dict) -> bool:
    from .audit_chain import _key

    expected = hmac.new(_key(), _signed_part(checkpoint), hashlib.sha256).hexdigest()
    return hmac.compare_digest(str(checkpoint.get("hmac", "")), expected)


def checkpoint_build() -> dict:
    """The current head of every chain (read by the sealer, the only writer of heads)."""
    from .models import AuditChainHead

    tables = {h.table: [h.seq, h.chain_digest] for h in AuditChainHead.objects.order_by("table")}
    head = hashlib.sha256("\n".join(f"{t}:{s}:{d}" for t, (s, d) in sorted(tables.items())).encode()).hexdigest()
    return checkpoint_sign(
        {
            "version": 1,
            "database": _database_name(),
            "time": timezone.now().isoformat(),
            "length": sum(seq for seq, _ in tables.values()),
            "head": head,
            "tables": tables,
        }
    )


def checkpoint_publish() -> dict:
    """Write a checkpoint to the sink (and e-mail it). Called outside any transaction.

    A sink that is unavailable is logged, not fatal: the seals are committed and
    the next run writes a newer checkpoint covering them.
    """
    checkpoint = checkpoint_build()
    try:
        get_checkpoint_sink().append(checkpoint)
    except Exception:  # noqa: BLE001 - any sink failure is the same: try again next run
        logger.error("Could not write the audit checkpoint", exc_info=True)
    recipients = list(getattr(settings, "AUDIT_CHECKPOINT_EMAILS", []) or [])
    if recipients:
        try:
            send_mail(
                f"Audit checkpoint: {checkpoint['length']} history rows sealed",
                "Keep this message: it lets an auditor prove the portal's audit history was not rewound.\n\n"
                + json.dumps(checkpoint, sort_keys=True, indent=2),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        except Exception:  # noqa: BLE001 - mail failure must not undo sealing
            logger.error("Could not e-mail the audit checkpoint", exc_info=True)
    return checkpoint
