"""Nothing lost: notices raised while the Redis broker is down are delivered exactly once after it returns.

Starts its own redis-server on a free port and a real Celery worker process, both
stopped by PID. Needs PostgreSQL so the worker sees the test's committed rows.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from kombu import pools as kombu_pools

from notifications.models import Notice
from notifications.services import notice_raise
from notifications.tasks import notices_redeliver_pending
from protocol_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""), reason="the worker needs a shared database"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def reset_broker_pools() -> None:
    """Drop cached broker connections so the next publish uses the current broker settings."""
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_until(condition, timeout: float = 45.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_every_notice_is_delivered_exactly_once_after_a_broker_outage(demo_transactional, person, tmp_path):
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    mail_dir = tmp_path / "mail"
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        CELERY_BROKER_URL=broker,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    redis = start_redis(port)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "protocol_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    previous = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager", "broker_transport_options")}
    celery_app.conf.update(broker_url=broker, task_always_eager=False, broker_transport_options={"max_retries": 1})
    reset_broker_pools()
    clerk = person("ll-town-clerk")
    try:
        notice_raise(recipient=clerk, key="outage:before", subject="Before the outage", body="1")
        assert wait_until(lambda: Notice.objects.filter(key="outage:before", sent_at__isnull=False).exists())

        stop(redis)  # the broker goes away
        for n in range(5):
            notice_raise(recipient=clerk, key=f"outage:during:{n}", subject=f"During {n}", body="2")
        assert Notice.objects.filter(key__startswith="outage:during", sent_at__isnull=True).count() == 5

        redis = start_redis(port)  # the broker comes back; beat's redelivery runs (twice: harmless)
        reset_broker_pools()
        assert notices_redeliver_pending(older_than_seconds=0) == 5
        notices_redeliver_pending(older_than_seconds=0)
        assert wait_until(lambda: not Notice.objects.filter(key__startswith="outage", sent_at__isnull=True).exists())
        time.sleep(1.5)  # let any duplicate task run: it must not send again
    finally:
        celery_app.conf.update(previous)
        reset_broker_pools()
        stop(worker)
        stop(redis)
    sent = [p.read_text() for p in mail_dir.iterdir()]
    subjects = [line for text in sent for line in text.splitlines() if line.startswith("Subject: ")]
    assert sorted(subjects) == sorted(["Subject: Before the outage"] + [f"Subject: During {n}" for n in range(5)])
    assert all(n.attempts >= 1 for n in Notice.objects.filter(key__startswith="outage"))
