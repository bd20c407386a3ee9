"""verify_audit: history rows changed, removed or added outside the application are reported."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from protocol_portal.core.audit_chain import history_models
from protocol_portal.core.audit_verify import verify_table
from protocol_portal.core.models import AuditSeal
from roles.models import Office

pytestmark = pytest.mark.django_db
HistoricalOffice = Office.history.model


def test_application_writes_are_all_sealed_and_verify(demo, capsys):
    call_command("verify_audit")
    assert "all sealed and unchanged" in capsys.readouterr().out
    assert AuditSeal.objects.filter(table="roles.historicaloffice").count() == HistoricalOffice.objects.count()


def test_a_history_row_edited_in_the_database_is_reported(demo):
    row = HistoricalOffice.objects.filter(slug="town-clerk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {HistoricalOffice._meta.db_table} SET name = %s WHERE history_id = %s", ["Tampered", row.pk]
        )
    report = verify_table(HistoricalOffice)
    assert report.changed == [row.pk]
    with pytest.raises(CommandError, match="failed verification"):
        call_command("verify_audit")


def test_a_history_row_deleted_in_the_database_is_reported(demo):
    row = HistoricalOffice.objects.first()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {HistoricalOffice._meta.db_table} WHERE history_id = %s", [row.pk])
    assert verify_table(HistoricalOffice).removed == [row.pk]


def test_a_row_added_outside_the_application_is_reported(demo):
    row = HistoricalOffice.objects.first()
    row.pk = None
    row.history_id = None
    HistoricalOffice.objects.bulk_create([row])  # bypasses the application's history signals
    report = verify_table(HistoricalOffice)
    assert len(report.unsealed) == 1


def test_removing_or_editing_seals_breaks_the_chain(demo):
    AuditSeal.objects.filter(table="roles.historicaloffice").order_by("-seq").first().delete()
    assert verify_table(HistoricalOffice).chain_breaks
    seal = AuditSeal.objects.filter(table="roles.historicalcouncil").order_by("seq")[2]
    AuditSeal.objects.filter(pk=seal.pk).update(row_digest="0" * 64)
    report = verify_table(Office.history.model._meta.apps.get_model("roles", "HistoricalCouncil"))
    assert report.chain_breaks and report.changed


def test_every_history_table_is_covered():
    labels = {m._meta.label_lower for m in history_models()}
    assert {"roles.historicaloffice", "roles.historicalperson", "notifications.historicalnotice"} <= labels


def test_history_cannot_be_reverted_from_the_admin(settings):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True
