"""Backup and restore: the database (pg_dump/pg_restore, or SQLite's backup API) plus private uploads.

A backup is a directory holding the database dump, a tarball of the private files
(from the S3 bucket or PRIVATE_MEDIA_ROOT, whichever is configured) and a manifest of
row counts per table, which restore checks against. Restore writes the files back into
whichever storage is configured then, so a backup moves between the two, and checks that
every file the database refers to is there. Backups hold personal data: the directory is
0700 and every file in it 0600.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with argument lists, never a shell
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, models

from .files import private_backend, private_files_walk

MANIFEST = "manifest.json"


class MissingFilesError(ValueError):
    """Restored, but files the database refers to are not in the private storage."""

    def __init__(self, missing: list[str]) -> None:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        where = getattr(settings, "PRIVATE_STORAGE_BUCKET", "") or settings.PRIVATE_MEDIA_ROOT
        super().__init__(f"{len(missing)} uploaded file(s) the database refers to are missing from {where}: {shown}.")
        self.missing = missing


@contextmanager
def _owner_only() -> Iterator[None]:
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
    with _owner_only():
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
    files_backup(target / "private_media.tar.gz")
    manifest = {"vendor": connection.vendor, "counts": table_counts()}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    for written in target.iterdir():
        written.chmod(0o600)
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
    files_restore(source / "private_media.tar.gz")
    missing = missing_files()
    if missing:
        raise MissingFilesError(missing)
    counts = table_counts()
    return {
        table: (expected, counts.get(table, 0))
        for table, expected in manifest["counts"].items()
        if counts.get(table, 0) != expected
    }


ARCHIVE_ROOT = "private_media"


def files_backup(archive: Path) -> int:
    """Every private file into one tarball, read through the storage in use; the number written."""
    storage = private_backend()
    count = 0
    with tarfile.open(archive, "w:gz") as tar:
        for name in private_files_walk(storage):
            with storage.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(f"{ARCHIVE_ROOT}/{name}")
            info.size = len(data)
            info.mode = 0o600
            info.mtime = int(storage.get_modified_time(name).timestamp())
            tar.addfile(info, io.BytesIO(data))
            count += 1
    return count


def _member_name(member: tarfile.TarInfo) -> str | None:
    """The stored name of an archive member, or None for anything that is not a plain file under the root."""
    path = PurePosixPath(member.name)
    if not member.isfile() or path.is_absolute() or ".." in path.parts or path.parts[:1] != (ARCHIVE_ROOT,):
        return None
    return "/".join(path.parts[1:]) or None


def files_restore(archive: Path) -> int:
    """Write every file of the tarball into the storage in use, under its own name; the number written."""
    storage = private_backend()
    count = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            name = _member_name(member)
            if name is None:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            if storage.exists(name):
                storage.delete(name)  # restoring over a partial earlier attempt: the backup's copy wins
            saved = storage.save(name, ContentFile(handle.read()))
            if saved != name:
                raise RuntimeError(f"Restored {name} as {saved}: the storage renamed it.")
            count += 1
    return count
