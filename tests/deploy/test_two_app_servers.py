"""Many machines, on one: two gunicorn app servers with production settings and different empty
local folders, two Celery workers, one PostgreSQL, one Redis and an S3-compatible server (moto).

Proves: a file uploaded through A is read through B (and lies on neither disk); a rate limit
hit through A counts on B; a scheduled task started twice does its work once; a checkpoint
cannot be overwritten; both servers report ready, and not ready once Redis is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
import requests
from django.db import connection

from .servers import ROOT, free_port, moto_server, redis_server, s3_env, stop, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SIGN_IN_LIMIT = 5  # per address per day: a day-long window cannot roll over during the test
API_WRITE_LIMIT = 3


def _base_env(tmp: Path, endpoint: str, redis_port: int, bucket: str, checkpoint_bucket: str) -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST")}
    env.update(s3_env(endpoint))
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "protocol_portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "AUDIT_HMAC_KEY": "two-servers-test-key",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/1",
            "PRIVATE_STORAGE_BUCKET": bucket,
            "AUDIT_CHECKPOINT_BUCKET": checkpoint_bucket,
            "STATIC_ROOT": str(tmp / "static"),
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "RATELIMIT_SIGN_IN": f"{SIGN_IN_LIMIT}/d",
            "API_WRITE_RATE": f"{API_WRITE_LIMIT}/day",
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _gunicorn(env: dict[str, str], media: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start an app server; the caller waits for it with _wait_ready (servers start side by side)."""
    port = free_port()
    media.mkdir(parents=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "protocol_portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env={**env, "PRIVATE_MEDIA_ROOT": str(media)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return process, f"http://127.0.0.1:{port}"


def _wait_ready(process: subprocess.Popen, url: str) -> None:
    wait_until(lambda: requests.get(f"{url}/healthz/", timeout=1).ok, timeout=60, what="gunicorn", process=process)


def _worker(env: dict[str, str], name: str, media: Path, log: Path) -> subprocess.Popen:
    media.mkdir(parents=True)
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "protocol_portal", "worker", "--pool=solo", "--concurrency=1"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO", "-n", f"{name}@%h"],
        cwd=ROOT,
        env={**env, "PRIVATE_MEDIA_ROOT": str(media)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, "no CSRF token on " + url
    return match.group(1)


def _sign_in(session: requests.Session, base: str, username: str, password: str) -> requests.Response:
    token = _csrf(session, f"{base}/accounts/login/")
    return session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )


def test_two_app_servers_share_files_limits_and_schedules(demo, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("several servers share one PostgreSQL database (set DATABASE_URL)")
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from access_requests.models import Document
    from privacy.models import RetentionLogEntry, RetentionRule
    from protocol_portal.core.checkpoint_s3 import S3CheckpointSink, s3_client
    from roles.models import Person, RelationshipDeclaration
    from roles.services import declaration_end

    # The servers use production's password hashers (the test run's fast MD5 is not among them).
    for username in ("ll-town-clerk", "ll-councillor-1"):
        hashed = PBKDF2PasswordHasher().encode("demo-pass-2026", PBKDF2PasswordHasher().salt(), iterations=1000)
        Person.objects.filter(username=username).update(password=hashed)

    started = last = time.monotonic()

    def _lap(step: str) -> None:
        nonlocal last
        now = time.monotonic()
        print(f"two-server test: {step} {now - last:.1f} s")
        last = now

    processes: list[subprocess.Popen] = []
    with moto_server() as endpoint, redis_server() as redis_port:
        for name, value in s3_env(endpoint).items():
            setattr(settings, name, value)
        client = s3_client()
        bucket, checkpoints = f"pp-private-{uuid.uuid4().hex[:8]}", f"pp-audit-{uuid.uuid4().hex[:8]}"
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        client.create_bucket(
            Bucket=checkpoints,
            ObjectLockEnabledForBucket=True,
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
        _lap("moto and redis up")
        env = _base_env(tmp_path, endpoint, redis_port, bucket, checkpoints)
        logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
        try:
            # The workers start while the static files are collected; the app servers start after, as in a
            # deployment (an app server that starts first reads an empty manifest and keeps it).
            collectstatic = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env={**env, "DJANGO_SETTINGS_MODULE": "tests.deploy.collectstatic_settings"},
            )
            processes.append(collectstatic)
            for number, log in enumerate(logs, start=1):
                processes.append(_worker(env, f"w{number}", tmp_path / f"media-w{number}", log))
            assert collectstatic.wait(timeout=90) == 0
            server_a, a = _gunicorn(env, tmp_path / "media-a", tmp_path / "a.log")
            server_b, b = _gunicorn(env, tmp_path / "media-b", tmp_path / "b.log")
            processes += [server_a, server_b]
            _wait_ready(server_a, a)
            _wait_ready(server_b, b)
            _lap("servers up")
            # 1. Upload through A, read through B: one bucket, nothing on either server's disk.
            clerk = requests.Session()
            assert _sign_in(clerk, a, "ll-town-clerk", "demo-pass-2026").status_code == 302
            form_url = f"{a}/requests/councils/leighton-linslade/documents/new/"
            office = Document.objects.filter(council__slug="leighton-linslade").first().owner_office
            uploaded = clerk.post(
                form_url,
                data={
                    "csrfmiddlewaretoken": _csrf(clerk, form_url),
                    "title": "Lease read on another server",
                    "classification": "confidential",
                    "category": "contractual",
                    "owner_office": str(office.pk),
                    "matters": "lease",
                },
                files={"file": ("lease.txt", b"Terms uploaded through server A.", "text/plain")},
                headers={"Referer": form_url},
                allow_redirects=False,
                timeout=30,
            )
            assert uploaded.status_code == 302, uploaded.text[:2000]
            document = Document.objects.get(title="Lease read on another server")
            read = clerk.get(f"{b}/requests/documents/{document.pk}/read/", timeout=30)
            assert read.status_code == 200 and "Terms uploaded through server A." in read.text
            assert client.head_object(Bucket=bucket, Key=document.file.name)["ServerSideEncryption"] == "AES256"
            for media in ("media-a", "media-b"):
                assert [p for p in (tmp_path / media).rglob("*") if p.is_file()] == []
            councillor = requests.Session()
            assert _sign_in(councillor, b, "ll-councillor-1", "demo-pass-2026").status_code == 302
            assert councillor.get(f"{b}/requests/documents/{document.pk}/read/", timeout=30).status_code in (403, 404)

            _lap("upload and read")
            # 2. Rate limits are counted in Redis: attempts through A count on B.
            # (Three sign-ins above already counted: the clerk on A, the councillor on B.)
            stranger = requests.Session()
            for attempt in range(SIGN_IN_LIMIT - 2):
                assert _sign_in(stranger, a, f"nobody-{attempt}", "wrong").status_code == 200
            assert _sign_in(stranger, b, "nobody-last", "wrong").status_code == 429
            for _ in range(API_WRITE_LIMIT):
                response = requests.post(f"{a}/api/auth/token/", json={"username": "x", "password": "y"}, timeout=10)
                assert response.status_code == 400
            throttled = requests.post(f"{b}/api/auth/token/", json={"username": "x", "password": "y"}, timeout=10)
            assert throttled.status_code == 429

            _lap("rate limits")
            # 3. A scheduled task started twice (two workers, as if two beats fired) does its work once.
            declaration = RelationshipDeclaration.objects.get(member__username="ll-councillor-3")
            declaration_end(actor=None, declaration=declaration, end_date=date(2024, 6, 30), reason="Ended")
            RetentionRule.objects.create(
                council=declaration.council, record_type="relationship_declaration", retain_days=365
            )
            from celery import Celery

            sender = Celery(broker=env["CELERY_BROKER_URL"])
            for _ in range(2):
                sender.send_task("privacy.tasks.retention_apply_due")

            def finished() -> list[str]:
                text = "".join(log.read_text() for log in logs if log.exists())
                return re.findall(r"retention_apply_due\[[^\]]+\] succeeded in [0-9.]+s: (\S+)", text)

            wait_until(lambda: len(finished()) == 2, timeout=45, what="both scheduled runs")
            assert sorted(finished()) in (["0", "1"], ["1", "None"]), finished()
            assert RetentionLogEntry.objects.filter(object_id=declaration.pk).count() == 1
            reasons = [h.history_change_reason or "" for h in declaration.history.all()]
            assert sum("Retention schedule" in reason for reason in reasons) == 1

            _lap("scheduled task")
            # 4. A checkpoint in the object-locked bucket cannot be overwritten or deleted.
            # The workers' audit sealer writes its own checkpoints there too: stop them first,
            # so the newest name is the one written here.
            for worker in processes[1:3]:
                stop(worker)
            sealed = client.list_objects_v2(Bucket=checkpoints).get("KeyCount", 0)
            print(f"two-server test: {sealed} checkpoint(s) written by the workers' sealer")
            settings.AUDIT_CHECKPOINT_RETENTION_DAYS = 1
            sink = S3CheckpointSink(checkpoints)
            sink.append({"length": 42, "head": "abc"})
            key = max(o["Key"] for o in client.list_objects_v2(Bucket=checkpoints)["Contents"])
            version = client.list_object_versions(Bucket=checkpoints, Prefix=key)["Versions"][0]["VersionId"]
            client.put_object(Bucket=checkpoints, Key=key, Body=b'{"length": 1, "head": "forged"}')
            with pytest.raises(client.exceptions.ClientError):
                client.delete_object(Bucket=checkpoints, Key=key, VersionId=version)
            assert sink.latest() == {"length": 42, "head": "abc"}

            _lap("checkpoint")
            # 5. Both servers are ready; without Redis they say so (and stay alive).
            for base in (a, b):
                ready = requests.get(f"{base}/readyz/", timeout=10)
                assert ready.status_code == 200, ready.text
                per_check = ", ".join(f"{n} {c['ms']} ms" for n, c in ready.json()["checks"].items())
                print(f"two-server test: /readyz/ {ready.elapsed.total_seconds() * 1000:.0f} ms ({per_check})")
                assert {name: check["ok"] for name, check in ready.json()["checks"].items()} == {
                    "database": True,
                    "cache": True,
                    "broker": True,
                    "storage": True,
                }
            import redis

            with contextlib.suppress(redis.exceptions.ConnectionError):  # it hangs up as it shuts down
                redis.Redis(host="127.0.0.1", port=redis_port).shutdown(nosave=True)
            not_ready = requests.get(f"{a}/readyz/", timeout=15)
            assert not_ready.status_code == 503
            checks = not_ready.json()["checks"]
            assert checks["cache"]["ok"] is False and checks["broker"]["ok"] is False
            assert checks["database"]["ok"] is True and checks["storage"]["ok"] is True
            assert requests.get(f"{a}/healthz/", timeout=5).status_code == 200
        finally:
            for process in reversed(processes):
                stop(process)
    _lap("readiness")
    print(f"two-server test: total {time.monotonic() - started:.1f} s")
