"""Backup and restore: the database (pg_dump/pg_restore, or SQLite's backup API) plus private uploads.

A backup is a directory holding the database dump, a tarball of PRIVATE_MEDIA_ROOT
(its contents, relative to it) and a manifest of row counts per table, which restore
checks against. Backups hold personal data: the directory is 0700 and every file 0600.
Restore unpacks the uploads into PRIVATE_MEDIA_ROOT, whatever it is called, and checks
that every file the database refers to is there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with argument lists, never a shell
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models

MANIFEST = "manifest.json"
# Backups made before the tarball held paths relative to PRIVATE_MEDIA_ROOT stored them under this name.
LEGACY_MEDIA_PREFIX = "private_media"


class MissingFilesError(ValueError):
    """Restored, but files the database refers to are not in PRIVATE_MEDIA_ROOT."""

    def __init__(self, missing: list[str]) -> None:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        super().__init__(
            f"{len(missing)} uploaded file(s) the database refers to are missing from "
            f"{settings.PRIVATE_MEDIA_ROOT}: {shown}."
        )
        self.missing = missing


@contextmanager
def _private_files() -> Iterator[None]:
    """Everything created inside is readable by the owner only (pg_dump writes its own file)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def missing_files() -> list[str]:
    """Stored names (as 'label: name') whose file is absent from its storage."""
    missing: list[str] = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            storage = field.storage
            names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
            missing.extend(f"{model._meta.label}: {name}" for name in names.iterator() if not storage.exists(name))
    return missing


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
    with _private_files():
        return _backup(target)


def _backup(target: Path) -> dict[str, Any]:
    db = connection.settings_dict
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)
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
    archive_media(target / "private_media.tar.gz")
    manifest = {"vendor": connection.vendor, "counts": table_counts(), "media_layout": "relative"}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    for written in target.iterdir():
        written.chmod(0o600)
    return manifest


def archive_media(archive: Path) -> None:
    """The contents of PRIVATE_MEDIA_ROOT, relative to it, owner-readable only."""
    media = Path(settings.PRIVATE_MEDIA_ROOT)
    with _private_files(), tarfile.open(archive, "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname=".")
    archive.chmod(0o600)


def restore_media(archive: Path, *, legacy: bool = False) -> None:
    """Unpack the uploads into PRIVATE_MEDIA_ROOT (not its parent, whatever the folder is called)."""
    media = Path(settings.PRIVATE_MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        if legacy:
            prefix = LEGACY_MEDIA_PREFIX + "/"
            kept = []
            for member in members:
                if member.name.startswith(prefix):
                    member.name = member.name[len(prefix) :]
                    kept.append(member)
            members = kept
        # The "data" filter refuses absolute paths, links out of the folder and traversal.
        tar.extractall(media, members=members, filter="data")


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
    restore_media(source / "private_media.tar.gz", legacy=manifest.get("media_layout") != "relative")
    missing = missing_files()
    if missing:
        raise MissingFilesError(missing)
    counts = table_counts()
    return {
        table: (expected, counts.get(table, 0))
        for table, expected in manifest["counts"].items()
        if counts.get(table, 0) != expected
    }
