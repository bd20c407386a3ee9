"""Back up a real PostgreSQL database, restore it into a fresh one, compare records and history."""

import json
import os
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
        env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "restored" / "private_media")
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
        assert (tmp_path / "restored" / "private_media" / "evidence" / "a.txt").read_text() == "evidence"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    from protocol_portal.core.backup import restore

    (tmp_path / "manifest.json").write_text(json.dumps({"vendor": connection.vendor, "counts": {}}))
    with pytest.raises(ValueError, match="not empty"):
        restore(tmp_path)
