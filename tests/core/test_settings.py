"""Start-up behaviour, run as a new user would: in a fresh process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://user@host/db", "DATABASE_URL must be postgres://"),
        ("::not a url", "DATABASE_URL must be postgres://"),
        ("postgres://postgres@127.0.0.1:1/nowhere", "Cannot use the database configured by DATABASE_URL"),
    ],
)
def test_wrong_database_url_stops_with_one_clear_line(url, message):
    result = run_manage("migrate", "--check", DATABASE_URL=url)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_production_requires_a_real_secret():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="protocol_portal.settings.production",
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    assert result.returncode == 2 and "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="protocol_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        CACHE_URL="redis://127.0.0.1:6379/4",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_check_deploy_fails_without_a_shared_cache():
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="protocol_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode != 0
    assert "core.E001" in result.stderr and "Set CACHE_URL to a Redis" in result.stderr
    assert "django_ratelimit.E003" in result.stderr  # django-ratelimit's own check runs, not silenced


def test_production_refuses_to_start_without_a_broker():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="protocol_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        CELERY_BROKER_URL="",
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and "CELERY_BROKER_URL" in lines[0], result.stderr


def test_embedded_default_is_sqlite_and_eager(settings):
    from django.conf import settings as live

    if "DATABASE_URL" not in os.environ:
        assert live.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if "CELERY_BROKER_URL" not in os.environ:
        assert live.CELERY_TASK_ALWAYS_EAGER is True


def test_embedded_default_keeps_files_local_and_the_cache_in_memory():
    from django.conf import settings as live
    from django.core.files.storage import FileSystemStorage

    from protocol_portal.core.files import private_backend

    if "PRIVATE_STORAGE_BUCKET" not in os.environ:
        assert live.PRIVATE_STORAGE_BUCKET == ""
        assert isinstance(private_backend(), FileSystemStorage)
    if "CACHE_URL" not in os.environ:
        assert live.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_cache_url_uses_django_redis():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        CACHE_URL="redis://127.0.0.1:6379/4",
    )
    assert result.stdout.strip().splitlines()[-1] == "django_redis.cache.RedisCache", result.stderr


def test_production_refuses_an_unknown_session_store():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="protocol_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
        SESSION_STORE="files",
    )
    assert result.returncode == 2 and "SESSION_STORE must be one of" in result.stderr
    assert "Traceback" not in result.stderr
