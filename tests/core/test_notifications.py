import pytest
from django.db import transaction

from notifications.models import Notice
from notifications.services import notice_raise
from notifications.tasks import notice_deliver
from protocol_portal.core.audit_chain import _after_commit_seal

pytestmark = pytest.mark.django_db


def test_notice_is_raised_once_per_key_and_sent_after_commit(
    demo, person, mailoutbox, django_capture_on_commit_callbacks
):
    clerk = person("ll-town-clerk")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert notice_raise(recipient=clerk, key="test:1", subject="Hello", body="Body") is not None
        assert notice_raise(recipient=clerk, key="test:1", subject="Hello", body="Body") is None
        assert mailoutbox == []  # nothing leaves before the change commits
    assert len([c for c in callbacks if c is not _after_commit_seal]) == 1  # one delivery, enqueued on commit
    assert callbacks.count(_after_commit_seal) == 1  # one sealing run per transaction, however many rows
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ll-town-clerk@demo.invalid"]
    notice = Notice.objects.get(key="test:1")
    assert notice.sent_at is not None


def test_delivery_is_idempotent(demo, person, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_raise(recipient=person("ll-town-clerk"), key="test:2", subject="S", body="B")
    assert len(mailoutbox) == 1
    assert notice_deliver(notice.pk) == "already-sent"
    assert len(mailoutbox) == 1


def test_rolled_back_change_raises_no_notice(demo, person, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_raise(recipient=person("ll-town-clerk"), key="test:3", subject="S", body="B")
        raise RuntimeError("the change failed")
    assert not Notice.objects.filter(key="test:3").exists()
    assert mailoutbox == []


def test_inbox_shows_only_my_notices(client, demo, person, login):
    notice_raise(recipient=person("ll-town-clerk"), key="test:4", subject="For the clerk", body="B", url="/councils/")
    login("ll-town-mayor")
    assert "For the clerk" not in client.get("/inbox/").content.decode()
    login("ll-town-clerk")
    assert "For the clerk" in client.get("/inbox/").content.decode()
    notice = Notice.objects.get(key="test:4")
    login("ll-town-mayor")
    assert client.post(f"/inbox/{notice.pk}/open/").status_code == 404
