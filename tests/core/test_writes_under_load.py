"""Writes under load (PostgreSQL): 16 writers through the real services for a bounded time, notices
delivered by a real Celery worker against a redis-server this test starts.

Done means: no error but clear messages (validation, permission, lost race), no deadlock, no
e-mail sent twice, every history row sealed within the bound, and verify_audit clean afterwards.
"""

from __future__ import annotations

import email
import os
import random
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connections

from access_requests import services as access
from access_requests.models import AccessRequest, Document, Grant
from complaints.models import Complaint
from complaints.services import complaint_action_record, complaint_create, complaint_transition
from notifications.models import Notice
from protocol_portal.celery import app as celery_app
from protocol_portal.core.audit_chain import history_models
from protocol_portal.core.locking import is_lost_race
from protocol_portal.core.models import AuditPending, AuditSeal
from roles.models import Council, Person
from tests.processes import free_port, reset_broker_pools, start_redis, start_worker, stop, wait_until, worker_env

WRITERS = 16
SECONDS = float(os.environ.get("WRITES_UNDER_LOAD_SECONDS", "10"))

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("postgres" not in os.environ.get("DATABASE_URL", ""), reason="row locks need PostgreSQL"),
]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ok: Counter[str] = Counter()
        self.clear: Counter[str] = Counter()
        self.lost_races = 0
        self.deadlocks: list[str] = []
        self.unexpected: list[str] = []

    def record(self, op: str, error: BaseException | None) -> None:
        with self.lock:
            if error is None:
                self.ok[op] += 1
            elif isinstance(error, ValidationError | PermissionDenied):
                self.clear[op] += 1
            elif isinstance(error, DatabaseError) and getattr(error.__cause__, "sqlstate", "") == "40P01":
                self.deadlocks.append(f"{op}: {error}")
            elif is_lost_race(error):
                self.lost_races += 1
            else:
                self.unexpected.append(f"{op}: {error!r}")


def sent_mail(directory) -> Counter[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(recipient, subject) of every e-mail the file backend wrote."""
    sent: Counter[tuple[str, str]] = Counter()
    for path in directory.iterdir() if directory.exists() else []:
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
                sent[(message["To"], " ".join(subject.split()))] += 1
    return sent


def test_sixteen_writers_no_deadlock_no_duplicate_email_everything_sealed(demo_transactional, tmp_path):
    council_ll, council_tw = Council.objects.get(code="ll"), Council.objects.get(code="tw")
    people = {p.username: p.pk for p in Person.objects.filter(username__regex=r"^(ll|tw)-")}
    ll_councillors = [people[f"ll-councillor-{n}"] for n in range(1, 5)]
    tw_councillors = [pk for name, pk in people.items() if name.startswith("tw-councillor-")]
    documents = list(Document.objects.filter(council=council_tw).values_list("pk", flat=True))
    assert documents and tw_councillors

    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    mail_dir = tmp_path / "mail"
    redis = start_redis(port)
    worker = start_worker(
        worker_env(broker, EMAIL_URL="filemail://", EMAIL_FILE_PATH=str(mail_dir)), log=tmp_path / "worker.log"
    )
    previous = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    reset_broker_pools()
    before = Notice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    tally = Tally()
    started = time.monotonic()
    deadline = started + SECONDS
    barrier = threading.Barrier(WRITERS)

    def person(pk: int) -> Person:
        return Person.objects.get(pk=pk)

    def log_complaint(rng: random.Random) -> None:
        complaint_create(
            actor=person(people["ll-town-clerk"]),
            council=council_ll,
            complainant=person(rng.choice(ll_councillors)),
            subject=person(people[rng.choice(["ll-officer-1", "ll-officer-2"])]),
            summary="No reply to enquiries",
            details="Three e-mails unanswered.",
        )

    def open_complaint(rng: random.Random) -> Complaint:
        ids = list(Complaint.objects.filter(state__in=["received", "acknowledged"]).values_list("pk", flat=True))
        if not ids:
            raise ValidationError("No open complaint yet.")
        return Complaint.objects.get(pk=rng.choice(ids[-20:]))

    def transition(rng: random.Random) -> None:
        complaint = open_complaint(rng)
        to = "acknowledged" if complaint.state == "received" else "informal_resolution"
        complaint_transition(
            actor=person(people["ll-town-clerk"]),
            complaint_id=complaint.pk,
            to=to,
            reason="Under load",
            expected_state=complaint.state,
        )

    def action(rng: random.Random) -> None:
        complaint = open_complaint(rng)
        complaint_action_record(
            actor=person(people["ll-town-clerk"]), complaint_id=complaint.pk, intended=rng.random() < 0.5, text="Call"
        )

    def submit(rng: random.Random) -> None:
        councillor = person(rng.choice(tw_councillors))
        access.access_request_submit(
            actor=councillor,
            council=council_tw,
            requester=councillor,
            document=Document.objects.get(pk=rng.choice(documents)),
            basis="need_to_know",
            purpose="Scrutiny under load.",
        )

    def decide(rng: random.Random) -> None:
        ids = list(AccessRequest.objects.filter(state="submitted").values_list("pk", flat=True)[:20])
        if not ids:
            raise ValidationError("Nothing to decide yet.")
        access.access_request_decide(
            actor=person(people["tw-director"]),
            access_request=AccessRequest.objects.get(pk=rng.choice(ids)),
            decision="grant_inspect",
            reasons="Need shown.",
        )

    def undertake(rng: random.Random) -> None:
        grants = list(Grant.objects.filter(undertaking_accepted_at__isnull=True).select_related("person")[:20])
        if not grants:
            raise ValidationError("No grant yet.")
        grant = rng.choice(grants)
        access.grant_accept_undertaking(actor=grant.person, grant=grant)

    operations = [log_complaint, transition, action, submit, decide, undertake]

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            barrier.wait()
            i = n
            while time.monotonic() < deadline:
                op = operations[i % len(operations)]
                i += 1
                try:
                    op(rng)
                except Exception as exc:  # noqa: BLE001 - classified: clear, lost race, deadlock, unexpected
                    tally.record(op.__name__, exc)
                else:
                    tally.record(op.__name__, None)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        writing = time.monotonic() - started
        drain_started = time.monotonic()
        to_send = Notice.objects.filter(sent_at__isnull=True).exclude(recipient__email="")
        assert wait_until(lambda: not AuditPending.objects.exists() and not to_send.exists(), timeout=120), (
            f"{AuditPending.objects.count()} unsealed, {to_send.count()} unsent; "
            + (tmp_path / "worker.log").read_text()[-3000:]
        )
        drained = time.monotonic() - drain_started
        time.sleep(1.0)  # a duplicate delivery would land now
    finally:
        celery_app.conf.update(previous)
        reset_broker_pools()
        stop(worker)
        stop(redis)

    writes = sum(tally.ok.values())
    print(
        f"\n{WRITERS} writers, {writing:.1f} s: {writes} writes ({writes / writing:.1f}/s) {dict(tally.ok)}; "
        f"clear refusals {dict(tally.clear)}, lost races {tally.lost_races}; worker drained in {drained:.1f} s"
    )
    assert tally.unexpected == [] and tally.deadlocks == []
    assert all(tally.ok[op.__name__] > 0 for op in operations), tally.ok

    expected = Counter(
        (n.recipient.email, " ".join(n.subject.split()))
        for n in Notice.objects.filter(pk__gt=before).select_related("recipient").exclude(recipient__email="")
    )
    assert sent_mail(mail_dir) == expected  # every notice e-mailed, none twice

    bound = timedelta(seconds=settings.AUDIT_UNSEALED_MAX_SECONDS)
    worst = timedelta(0)
    for model in history_models():
        if not any(f.name == "history_date" for f in model._meta.fields):
            continue  # many-to-many snapshots: sealed in the same runs as their parent's rows
        table = model._meta.label_lower
        written = dict(model._default_manager.values_list("pk", "history_date"))
        for history_pk, sealed_at in AuditSeal.objects.filter(table=table).values_list("history_pk", "sealed_at"):
            if history_pk in written:
                worst = max(worst, sealed_at - written[history_pk])
    print(f"slowest seal after its write: {worst.total_seconds():.2f} s (bound {bound.total_seconds():.0f} s)")
    assert worst < bound
    call_command("verify_audit")
