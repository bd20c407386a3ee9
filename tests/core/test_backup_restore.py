"""Back up a real PostgreSQL database, restore it into a fresh one, compare records and history."""

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from protocol_portal.core.backup import table_counts

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif("postgres" not in os.environ.get("DATABASE_URL", ""), reason="pg_dump/pg_restore need PostgreSQL")
def test_backup_then_restore_into_a_fresh_database(tmp_path, settings):
    call_command("load_demo")
    (Path(settings.PRIVATE_MEDIA_ROOT) / "evidence").mkdir(parents=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "evidence" / "a.txt").write_text("evidence")
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir))
    assert stat.S_IMODE(backup_dir.stat().st_mode) == 0o700
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in backup_dir.iterdir()} == {
        "database.dump": 0o600,
        "private_media.tar.gz": 0o600,
        "manifest.json": 0o600,
    }
    before = table_counts()
    assert before["roles_historicalperson"] > 0 and before["core_auditseal"] > 0

    db = connection.settings_dict
    fresh = f"pp_restore_{uuid.uuid4().hex[:8]}"
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{fresh}"
        # Any folder name: restore must not assume the uploads folder is called "private_media".
        env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "restored" / "uploads")
        env["SECRET_KEY"] = settings.SECRET_KEY
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", "--input", str(backup_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "every table's row count matches" in result.stdout
        verify = subprocess.run(
            [sys.executable, "manage.py", "verify_audit"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        with psycopg.connect(f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{fresh}") as conn:
            restored = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in before}
        assert restored == before
        assert (tmp_path / "restored" / "uploads" / "evidence" / "a.txt").read_text() == "evidence"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    from protocol_portal.core.backup import restore

    (tmp_path / "manifest.json").write_text(json.dumps({"vendor": connection.vendor, "counts": {}}))
    with pytest.raises(ValueError, match="not empty"):
        restore(tmp_path)


def test_uploads_are_restored_into_private_media_root_whatever_it_is_called(tmp_path, settings):
    from protocol_portal.core.backup import files_backup, files_restore

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "live" / "documents-store"
    (settings.PRIVATE_MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "evidence" / "a.txt").write_text("evidence")
    archive = tmp_path / "media.tar.gz"
    files_backup(archive)

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere" / "uploads"
    files_restore(archive)
    assert (tmp_path / "elsewhere" / "uploads" / "evidence" / "a.txt").read_text() == "evidence"
    assert not (tmp_path / "elsewhere" / "documents-store").exists()


def test_restore_fails_clearly_when_a_referenced_upload_is_missing(tmp_path, settings):
    from access_requests.models import Document
    from protocol_portal.core.backup import MissingFilesError, missing_files

    call_command("load_demo")
    with_files = Document.objects.exclude(file="")
    assert with_files.exists(), "the demo register has uploaded documents"
    assert missing_files() == []
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "empty"
    missing = missing_files()
    assert len(missing) == with_files.count()
    assert "uploaded file(s) the database refers to are missing" in str(MissingFilesError(missing))
