"""Notices exactly once: claimed (and committed) before sending, never sent twice once marked sent,
database errors retried; the crash window between sending and marking is the only way to a second e-mail."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from notifications import tasks
from notifications.models import Notice
from notifications.services import notice_raise

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(demo, person):
    created = notice_raise(recipient=person("ll-town-clerk"), key="deliver:1", subject="Hello", body="Body")
    assert created is not None and created.sent_at is None  # no on-commit delivery inside the test transaction
    return created


def test_delivery_claims_then_sends_then_marks_with_history(notice, mailoutbox):
    assert tasks.notice_deliver(notice.pk) == "sent"
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.claimed_at is None and notice.attempts == 1
    reasons = list(notice.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["Notice raised", "Claimed for delivery", "Notice delivered"]
    assert tasks.notice_deliver(notice.pk) == "already-sent"
    assert len(mailoutbox) == 1


def test_a_notice_claimed_by_a_live_delivery_is_not_sent_by_another(notice, mailoutbox):
    outcome, _ = tasks.notice_claim(notice.pk)  # worker A claims, and is now sending
    assert outcome == "claimed"
    assert tasks.notice_deliver(notice.pk) == "in-flight"  # worker B (a redelivery) leaves it alone
    assert mailoutbox == []


def test_a_failed_send_gives_the_claim_back_for_the_retry(notice, mailoutbox):
    with (
        mock.patch.object(tasks, "send_mail", side_effect=OSError("SMTP server unreachable")),
        pytest.raises(OSError),
    ):
        tasks.notice_deliver.run(notice.pk)
    notice.refresh_from_db()
    assert notice.claimed_at is None and notice.sent_at is None and "unreachable" in notice.last_error
    assert tasks.notice_deliver(notice.pk) == "sent" and len(mailoutbox) == 1


def test_database_errors_while_marking_sent_are_retried_not_resent(notice, mailoutbox, monkeypatch):
    monkeypatch.setattr(tasks.time, "sleep", lambda seconds: None)
    real_save = tasks.audited_save
    failures = iter([OperationalError("connection lost"), OperationalError("connection lost")])

    def flaky_save(obj, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("reason") == "Notice delivered":
            error = next(failures, None)
            if error is not None:
                raise error
        return real_save(obj, **kwargs)

    monkeypatch.setattr(tasks, "audited_save", flaky_save)
    assert tasks.notice_deliver(notice.pk) == "sent"
    assert len(mailoutbox) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_the_crash_window_between_sending_and_marking(notice, mailoutbox, settings):
    """A worker dies after the e-mail left and before the mark committed: the claim holds every
    redelivery off until it expires, then one more e-mail goes and the history says why."""
    with (
        mock.patch.object(tasks, "notice_mark_sent", side_effect=SystemExit("worker killed")),
        pytest.raises(SystemExit),
    ):
        tasks.notice_deliver.run(notice.pk)
    assert len(mailoutbox) == 1
    for _ in range(3):  # beat's sweep and the broker's redelivery within the claim timeout
        assert tasks.notice_deliver(notice.pk) == "in-flight"
    assert len(mailoutbox) == 1
    Notice.objects.filter(pk=notice.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.NOTICE_CLAIM_TIMEOUT_SECONDS + 1)
    )
    assert tasks.notice_deliver(notice.pk) == "sent"
    assert len(mailoutbox) == 2  # the one duplicate the window allows
    assert tasks.notice_deliver(notice.pk) == "already-sent"
    assert notice.history.filter(history_change_reason__startswith="Claimed again").count() == 1


def test_the_redelivery_sweep_stops_at_the_first_broker_failure(notice, monkeypatch):
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    calls = []

    def down(notice_id, *, sweep=False):  # type: ignore[no-untyped-def]
        calls.append((notice_id, sweep))
        return False

    monkeypatch.setattr("notifications.services.notice_enqueue", down)
    assert tasks.notices_redeliver_pending() == 0
    assert calls == [(notice.pk, True)]


def test_how_long_the_crash_window_is(notice, monkeypatch):
    """The window is from the mail server accepting the message to the mark committing: one short
    transaction. Printed, not asserted (timings belong in benchmarks)."""
    times: dict[str, float] = {}
    real_send, real_mark = tasks.send_mail, tasks.notice_mark_sent

    def send(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_send(*args, **kwargs)
        times["sent"] = time.perf_counter()
        return result

    def mark(*args, **kwargs):  # type: ignore[no-untyped-def]
        real_mark(*args, **kwargs)
        times["marked"] = time.perf_counter()

    monkeypatch.setattr(tasks, "send_mail", send)
    monkeypatch.setattr(tasks, "notice_mark_sent", mark)
    assert tasks.notice_deliver(notice.pk) == "sent"
    print(f"\ncrash window (e-mail accepted -> marked sent): {(times['marked'] - times['sent']) * 1000:.1f} ms")
    assert times["marked"] > times["sent"]
