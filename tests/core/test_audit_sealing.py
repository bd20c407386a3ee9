"""Sealing off the request path, signed checkpoints outside the database, and what verify_audit catches."""

import json
import sys
import types
from datetime import timedelta

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from access_requests import services as access
from access_requests.models import Document, Grant
from complaints.models import Complaint
from complaints.services import complaint_create
from notifications.models import Notice
from notifications.services import notice_raise
from protocol_portal.core import checkpoints
from protocol_portal.core.audit_chain import seal_pending, table_label
from protocol_portal.core.audit_verify import verify_checkpoint, verify_table
from protocol_portal.core.models import AuditChainHead, AuditPending, AuditSeal
from roles.models import Council

pytestmark = pytest.mark.django_db
HistoricalNotice = Notice.history.model
NOTICES = table_label(HistoricalNotice)


def raise_notice(person, key: str) -> Notice:
    notice = notice_raise(recipient=person("ll-town-clerk"), key=key, subject="S", body="B")
    assert notice is not None
    return notice


def fails_verification(match: str = "failed verification") -> None:
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit")


def test_a_write_leaves_a_pending_digest_and_no_seal_until_the_sealer_runs(demo, person, settings):
    notice = raise_notice(person, "seal:1")
    row = notice.history.latest()
    assert AuditPending.objects.filter(table=NOTICES, history_pk=row.pk).exists()
    assert not AuditSeal.objects.filter(table=NOTICES, history_pk=row.pk).exists()
    assert verify_table(HistoricalNotice).ok  # awaiting its seal, within the bound: not a failure

    run = seal_pending()
    assert run.ran and run.sealed >= 1
    assert AuditSeal.objects.filter(table=NOTICES, history_pk=row.pk).exists()
    assert not AuditPending.objects.exists()
    latest = checkpoints.get_checkpoint_sink().latest()
    assert latest == run.checkpoint and checkpoints.checkpoint_signature_ok(latest)
    head = AuditChainHead.objects.get(table=NOTICES)
    assert latest["tables"][NOTICES] == [head.seq, head.chain_digest]
    assert latest["length"] == sum(h.seq for h in AuditChainHead.objects.all())

    again = seal_pending()  # idempotent: nothing is sealed twice, no new checkpoint
    assert again.ran and again.sealed == 0 and again.checkpoint is None
    assert AuditSeal.objects.filter(table=NOTICES, history_pk=row.pk).count() == 1


def test_rows_committed_out_of_order_are_still_sealed(demo, person):
    first, second = raise_notice(person, "order:1"), raise_notice(person, "order:2")
    low = AuditPending.objects.get(table=NOTICES, history_pk=first.history.latest().pk)
    saved = {"table": low.table, "history_pk": low.history_pk, "row_digest": low.row_digest}
    low.delete()  # as if the lower id's transaction had not committed yet
    seal_pending()
    assert AuditSeal.objects.filter(table=NOTICES, history_pk=second.history.latest().pk).exists()
    AuditPending.objects.create(**saved)  # it commits after a higher id was sealed
    seal_pending()
    assert AuditSeal.objects.filter(table=NOTICES, history_pk=saved["history_pk"]).exists()
    call_command("verify_audit")


def test_rows_unsealed_for_longer_than_the_bound_fail_verification(demo, person, settings, capsys):
    notice = raise_notice(person, "late:1")
    call_command("verify_audit")
    assert "awaiting their seal" in capsys.readouterr().out
    AuditPending.objects.update(created_at=timezone.now() - timedelta(seconds=settings.AUDIT_UNSEALED_MAX_SECONDS + 5))
    assert verify_table(HistoricalNotice).overdue == [notice.history.latest().pk]
    fails_verification()
    assert "still unsealed after 60 s" in capsys.readouterr().out


def test_a_row_edited_before_its_seal_is_caught(demo, person):
    notice = raise_notice(person, "early-edit:1")
    row = notice.history.latest()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {HistoricalNotice._meta.db_table} SET subject = 'Forged' WHERE history_id = %s", [row.pk]
        )
    seal_pending()  # seals what the application wrote, not what is there now
    assert verify_table(HistoricalNotice).changed == [row.pk]


def test_deleting_the_last_row_and_rewinding_the_head_is_caught_by_the_checkpoint(demo, person, capsys):
    raise_notice(person, "rewind:1")
    last = raise_notice(person, "rewind:2").history.latest()
    seal_pending()  # checkpoint written outside the database
    seal = AuditSeal.objects.get(table=NOTICES, history_pk=last.pk)
    previous = AuditSeal.objects.get(table=NOTICES, seq=seal.seq - 1)
    with connection.cursor() as cursor:  # an operator with database access covers their tracks
        cursor.execute(f"DELETE FROM {HistoricalNotice._meta.db_table} WHERE history_id = %s", [last.pk])
        cursor.execute(f"DELETE FROM {Notice._meta.db_table} WHERE key = 'rewind:2'")
        cursor.execute("DELETE FROM core_auditseal WHERE id = %s", [seal.pk])
        cursor.execute(
            'UPDATE core_auditchainhead SET seq = %s, chain_digest = %s WHERE "table" = %s',
            [previous.seq, previous.chain_digest, NOTICES],
        )
    assert verify_table(HistoricalNotice).ok  # the database alone looks consistent
    problems = verify_checkpoint().problems
    assert problems and "truncated or rewound" in problems[0]
    fails_verification()
    assert "Against the checkpoint" in capsys.readouterr().out


def test_a_rewritten_chain_that_keeps_its_length_is_caught_by_the_checkpoint(demo, person):
    raise_notice(person, "rewrite:1")
    seal_pending()
    head = AuditChainHead.objects.get(table=NOTICES)
    AuditSeal.objects.filter(table=NOTICES, seq=head.seq).update(chain_digest="f" * 64)
    AuditChainHead.objects.filter(table=NOTICES).update(chain_digest="f" * 64)
    assert any("differs from the checkpoint" in p for p in verify_checkpoint().problems)


def test_a_forged_checkpoint_is_reported(demo, person):
    raise_notice(person, "forged:1")
    seal_pending()
    sink = checkpoints.get_checkpoint_sink()
    forged = {**sink.latest(), "length": 1}
    sink.append(forged)
    assert verify_checkpoint().signed is False
    fails_verification()


def test_live_rows_edited_in_sql_are_caught(demo, person):
    clerk = person("ll-town-clerk")
    complaint = complaint_create(
        actor=clerk,
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-1"),
        subject=person("ll-officer-1"),
        summary="Live row",
        details="x",
    )
    councillor = person("tw-councillor-2")
    document = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    request = access.access_request_submit(
        actor=councillor,
        council=document.council,
        requester=councillor,
        document=document,
        basis="need_to_know",
        purpose="Scrutiny of the disposal.",
    )
    access.access_request_decide(
        actor=person("tw-director"), access_request=request, decision="grant_inspect", reasons="Need shown."
    )
    grant = Grant.objects.get(request=request)
    seal_pending()
    call_command("verify_audit")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Complaint._meta.db_table} SET state = 'closed' WHERE id = %s", [complaint.pk])
        cursor.execute(f"UPDATE {Grant._meta.db_table} SET expires_on = '2099-12-31' WHERE id = %s", [grant.pk])
    assert verify_table(Complaint.history.model).live_changed == [complaint.pk]
    assert verify_table(Grant.history.model).live_changed == [grant.pk]
    fails_verification()


def test_a_live_row_inserted_in_sql_is_caught(demo, person):
    clerk = person("ll-town-clerk")
    Notice.objects.bulk_create([Notice(recipient=clerk, key="sql:1", subject="S", body="B")])  # no history
    report = verify_table(HistoricalNotice)
    assert report.live_unrecorded == [Notice.objects.get(key="sql:1").pk]


def test_checkpoints_can_be_emailed_to_auditors(demo, person, settings, mailoutbox):
    settings.AUDIT_CHECKPOINT_EMAILS = ["auditor@council.invalid"]
    raise_notice(person, "mail:1")
    mailoutbox.clear()
    run = seal_pending()
    mail = next(m for m in mailoutbox if m.to == ["auditor@council.invalid"])
    assert json.loads(mail.body[mail.body.index("{") :]) == run.checkpoint


def test_a_bucket_setting_uses_the_object_storage_sink(settings, monkeypatch):
    made = []

    class FakeS3Sink:
        def __init__(self, bucket: str) -> None:
            made.append(bucket)

    module = types.ModuleType("protocol_portal.core.checkpoint_s3")
    module.S3CheckpointSink = FakeS3Sink  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "protocol_portal.core.checkpoint_s3", module)
    settings.AUDIT_CHECKPOINT_BUCKET = "audit-checkpoints"
    assert isinstance(checkpoints.get_checkpoint_sink(), FakeS3Sink) and made == ["audit-checkpoints"]
    settings.AUDIT_CHECKPOINT_BUCKET = ""
    assert isinstance(checkpoints.get_checkpoint_sink(), checkpoints.FileCheckpointSink)


def test_a_torn_last_line_is_skipped(tmp_path):
    sink = checkpoints.FileCheckpointSink(tmp_path, "db")
    sink.append({"length": 1})
    with open(sink.path, "a") as handle:
        handle.write('{"length": 2')  # a crash mid-write
    assert sink.latest() == {"length": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_only_one_sealer_runs_at_a_time(demo, person):
    from protocol_portal.core.audit_chain import SEALER_LOCK_ID

    raise_notice(person, "flight:1")
    db = connection.settings_dict
    with psycopg.connect(f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}") as other:
        other.execute("SELECT pg_advisory_lock(%s)", [SEALER_LOCK_ID])
        assert seal_pending().ran is False  # returns at once; the holder seals
        other.execute("SELECT pg_advisory_unlock(%s)", [SEALER_LOCK_ID])
    assert seal_pending().sealed >= 1
