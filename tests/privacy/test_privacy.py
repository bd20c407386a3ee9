import io
import json
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from privacy import services
from privacy.models import LegalHold, RetentionLogEntry, RetentionRule, SubjectAccessExport
from roles.models import Council, InterestDeclaration, RelationshipDeclaration
from roles.services import declaration_end

pytestmark = pytest.mark.django_db


def _archive(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_subject_access_export_holds_records_and_history_of_that_council_only(demo, person):
    clerk = person("ll-town-clerk")
    subject = person("ll-councillor-1")  # also a Central Bedfordshire councillor
    council = Council.objects.get(slug="leighton-linslade")
    export, data = services.subject_access_export(actor=clerk, council=council, subject=subject, reason="SAR 2026/14")
    files = _archive(data)
    assert json.loads(files["person.json"])["username"] == "ll-councillor-1"
    appointments = json.loads(files["records/roles.Appointment.json"])
    assert {row["office_id"] for row in appointments} and all("password" not in row for row in appointments)
    history = json.loads(files["records/roles.HistoricalAppointment.json"])
    assert history and all(row["person_id"] == subject.pk for row in history)
    assert "Central Bedfordshire" not in files["records/roles.Appointment.json"]
    assert len(appointments) == 1  # the Central Bedfordshire seat belongs to another council's export
    assert "records/roles.GroupMembership.json" in files
    assert SubjectAccessExport.objects.get(pk=export.pk).exported_by == clerk


def test_only_the_councils_clerk_or_mo_may_export(demo, person):
    council = Council.objects.get(slug="leighton-linslade")
    with pytest.raises(PermissionDenied):
        services.subject_access_export(
            actor=person("ll-councillor-2"), council=council, subject=person("ll-councillor-1"), reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.subject_access_export(
            actor=person("tw-member-services-officer"), council=council, subject=person("ll-councillor-1"), reason="x"
        )
    services.subject_access_export(
        actor=person("cb-monitoring-officer"), council=council, subject=person("ll-councillor-1"), reason="x"
    )


def test_export_page_downloads_a_zip(client, demo, login, person):
    login("ll-town-clerk")
    response = client.post(
        "/privacy/leighton-linslade/subject-access/", {"subject": person("ll-officer-1").pk, "reason": "SAR 7"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "person.json" in _archive(response.content)
    login("ll-councillor-1")
    assert client.get("/privacy/leighton-linslade/").status_code == 403


def _ended_relationship(person):  # type: ignore[no-untyped-def]
    declaration = RelationshipDeclaration.objects.get(member__username="ll-councillor-3")
    declaration_end(actor=None, declaration=declaration, end_date=date(2024, 6, 30), reason="Ended")
    return declaration


def test_retention_anonymises_closed_records_once_and_logs_it(demo, person, capsys):
    declaration = _ended_relationship(person)
    council = declaration.council
    services.retention_rule_save(
        actor=person("ll-town-clerk"),
        rule=RetentionRule(council=council, record_type="relationship_declaration", retain_days=365),
    )
    applied = services.retention_apply(on=date(2026, 11, 22))
    assert [e.object_id for e in applied] == [declaration.pk]
    declaration.refresh_from_db()
    assert "removed under the retention schedule" in declaration.details
    assert all("Siblings" not in (row.details or "") for row in declaration.history.all())
    assert services.retention_apply(on=date(2026, 11, 22)) == []  # idempotent
    assert RetentionLogEntry.objects.filter(object_id=declaration.pk).count() == 1
    call_command("verify_audit")  # redactions are recorded, so the audit chain still verifies


def test_legal_hold_stops_retention(demo, person):
    declaration = _ended_relationship(person)
    clerk = person("ll-town-clerk")
    services.retention_rule_save(
        actor=clerk,
        rule=RetentionRule(
            council=declaration.council, record_type="relationship_declaration", retain_days=30, action="delete"
        ),
    )
    hold = services.legal_hold_place(
        actor=clerk,
        hold=LegalHold(
            council=declaration.council,
            record_type="relationship_declaration",
            object_id=declaration.pk,
            reason="Employment tribunal pending",
        ),
    )
    today = timezone.localdate()
    assert services.retention_apply(on=today) == []
    assert RelationshipDeclaration.objects.filter(pk=declaration.pk).exists()
    services.legal_hold_lift(actor=clerk, hold=hold, reason="Tribunal concluded")
    applied = services.retention_apply(on=today)
    assert [e.action for e in applied] == ["delete"]
    assert not RelationshipDeclaration.objects.filter(pk=declaration.pk).exists()
    assert not RelationshipDeclaration.history.filter(id=declaration.pk).exists()
    call_command("verify_audit")


def test_open_records_are_never_touched(demo, person):
    council = Council.objects.get(slug="tewkesbury")
    RetentionRule.objects.create(council=council, record_type="interest_declaration", retain_days=0, action="delete")
    open_interests = InterestDeclaration.objects.filter(council=council).count()
    assert open_interests >= 2  # the demo register's entries, none ended
    assert services.retention_apply(on=date(2030, 1, 1)) == []
    assert InterestDeclaration.objects.filter(council=council).count() == open_interests


def test_closed_complaints_past_retention_are_anonymised_with_their_timeline(demo, person):
    from complaints.models import Complaint

    complaint = Complaint.objects.filter(council__slug="leighton-linslade").first()
    Complaint.objects.filter(pk=complaint.pk).update(
        state="closed", updated_at=timezone.now() - timezone.timedelta(days=800)
    )
    services.retention_rule_save(
        actor=person("ll-town-clerk"),
        rule=RetentionRule(council=complaint.council, record_type="complaint", retain_days=730),
    )
    applied = services.retention_apply()
    assert complaint.pk in [e.object_id for e in applied if e.record_type == "complaint"]
    complaint.refresh_from_db()
    assert "removed under the retention schedule" in complaint.details
    assert all("removed" in (e.text or "removed") for e in complaint.events.all())
    assert all("removed" in h.details for h in complaint.history.all())
    call_command("verify_audit")
