"""Backup and restore: the database (pg_dump/pg_restore, or SQLite's backup API) plus private uploads.

A backup is a directory holding the database dump, a tarball of PRIVATE_MEDIA_ROOT
and a manifest of row counts per table, which restore checks against.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with argument lists, never a shell
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608 - names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed (Debian package postgresql-client).")
    return path


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "localhost"),
            "PGPORT": str(db.get("PORT") or "5432"),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def backup(target: Path) -> dict[str, Any]:
    db = connection.settings_dict
    target.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603  # nosec B603
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target / "database.dump"),
            ],
            env=_pg_env(db),
            check=True,
        )
    else:
        source = sqlite3.connect(str(db["NAME"]))
        with sqlite3.connect(str(target / "database.sqlite3")) as copy:
            source.backup(copy)
        source.close()
    media = Path(settings.PRIVATE_MEDIA_ROOT)
    with tarfile.open(target / "private_media.tar.gz", "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="private_media")
    manifest = {"vendor": connection.vendor, "counts": table_counts()}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path, *, force: bool = False) -> dict[str, tuple[int, int]]:
    """Restore into the configured (empty) database; return tables whose counts differ from the manifest."""
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest["vendor"] != connection.vendor:
        raise ValueError(
            f"This backup is of a {manifest['vendor']} database; the configured one is {connection.vendor}."
        )
    db = connection.settings_dict
    existing = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    if existing and not force:
        raise ValueError("The configured database is not empty. Restore into a fresh database (or pass --force).")
    connection.close()
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603  # nosec B603
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                "--dbname",
                str(db["NAME"]),
                str(source / "database.dump"),
            ],
            env=_pg_env(db),
            check=True,
        )
    else:
        shutil.copyfile(source / "database.sqlite3", str(db["NAME"]))
    media_parent = Path(settings.PRIVATE_MEDIA_ROOT).parent
    with tarfile.open(source / "private_media.tar.gz", "r:gz") as tar:
        tar.extractall(media_parent, filter="data")  # "data" filter refuses absolute paths and traversal
    counts = table_counts()
    return {
        table: (expected, counts.get(table, 0))
        for table, expected in manifest["counts"].items()
        if counts.get(table, 0) != expected
    }
