"""Nothing lost: notices raised while the Redis broker is down are delivered exactly once after it returns.

Starts its own redis-server on a free port and a real Celery worker process, both
stopped by PID. Needs PostgreSQL so the worker sees the test's committed rows.
"""

import os
import time

import pytest

from notifications.models import Notice
from notifications.services import notice_raise
from notifications.tasks import notices_redeliver_pending
from protocol_portal.celery import app as celery_app
from tests.processes import free_port, reset_broker_pools, start_redis, start_worker, stop, wait_until, worker_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""), reason="the worker needs a shared database"
    ),
]


def test_every_notice_is_delivered_exactly_once_after_a_broker_outage(demo_transactional, person, tmp_path):
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    mail_dir = tmp_path / "mail"
    env = worker_env(broker, EMAIL_URL="filemail://", EMAIL_FILE_PATH=str(mail_dir))
    redis = start_redis(port)
    worker = start_worker(env, log=tmp_path / "worker.log")
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
        assert wait_until(lambda: not Notice.objects.filter(key__startswith="outage", sent_at__isnull=True).exists()), (
            tmp_path / "worker.log"
        ).read_text()[-4000:]
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
