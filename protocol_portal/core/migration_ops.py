"""Migration operations that exist on PostgreSQL only (SQLite, the embedded mode, has no trigram indexes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations


def trigram_indexes(table: str, columns: Sequence[str], *, prefix: str) -> migrations.RunPython:
    """GIN trigram indexes on ``UPPER(column::text)``: the expression Django's ``icontains`` compares.

    With them, ``icontains`` (``UPPER(col::text) LIKE UPPER('%..%')``) is a bitmap index scan
    instead of a sequential scan.
    """

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{prefix}_{column}_trgm" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{prefix}_{column}_trgm"')

    return migrations.RunPython(forwards, backwards, elidable=False)
