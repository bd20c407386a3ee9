"""Private files in an S3 bucket: private, encrypted, served only through permission checks;
backup, restore and retention work with the bucket as with the local folder."""

from __future__ import annotations

import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from access_requests.models import Document
from protocol_portal.core.backup import files_backup, files_restore
from protocol_portal.core.files import PrivateStorage, private_backend, private_files_walk

pytestmark = pytest.mark.django_db


def _upload_lease(client, login) -> Document:
    login("ll-town-clerk")
    office = Document.objects.filter(council__slug="leighton-linslade").first().owner_office
    response = client.post(
        "/requests/councils/leighton-linslade/documents/new/",
        {
            "title": "Lease in the bucket",
            "classification": "confidential",
            "category": "contractual",
            "owner_office": office.pk,
            "matters": "lease",
            "file": SimpleUploadedFile("lease.txt", b"Lease terms held in S3.", content_type="text/plain"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(title="Lease in the bucket")


def test_upload_goes_to_the_bucket_encrypted_and_private(demo, client, login, private_bucket, s3_client, settings):
    document = _upload_lease(client, login)
    head = s3_client.head_object(Bucket=private_bucket, Key=document.file.name)
    assert head["ServerSideEncryption"] == "AES256"
    assert not Path(settings.PRIVATE_MEDIA_ROOT, document.file.name).exists()  # nothing on this server's disk
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018
    acl = s3_client.get_object_acl(Bucket=private_bucket, Key=document.file.name)
    assert not [g for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith(("AllUsers", "AuthenticatedUsers"))]
    # Read back through the permission-checked page; refused to someone without access.
    page = client.get(f"/requests/documents/{document.pk}/read/")
    assert page.status_code == 200 and "Lease terms held in S3." in page.content.decode()
    login("ll-councillor-1")
    assert client.get(f"/requests/documents/{document.pk}/read/").status_code in (403, 404)


def test_a_name_already_in_the_bucket_is_never_overwritten(private_bucket):
    storage = PrivateStorage()
    first = storage.save("evidence/a.txt", ContentFile(b"first"))
    second = storage.save("evidence/a.txt", ContentFile(b"second"))
    assert first == "evidence/a.txt" and second != first
    with storage.open(first) as handle:
        assert handle.read() == b"first"


def test_backup_from_the_bucket_restores_into_a_local_folder_and_back(private_bucket, s3_settings, tmp_path):
    storage = PrivateStorage()
    storage.save("documents/ll/one.txt", ContentFile(b"one"))
    storage.save("complaints/7/two.pdf", ContentFile(b"%PDF-1.4 two"))
    archive = tmp_path / "private_media.tar.gz"
    assert files_backup(archive) == 2
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["private_media/complaints/7/two.pdf", "private_media/documents/ll/one.txt"]

    s3_settings.PRIVATE_STORAGE_BUCKET = ""
    s3_settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored"
    assert files_restore(archive) == 2
    assert (tmp_path / "restored" / "documents" / "ll" / "one.txt").read_bytes() == b"one"

    # And from that local folder into an empty bucket.
    archive_again = tmp_path / "again.tar.gz"
    assert files_backup(archive_again) == 2
    s3_settings.PRIVATE_STORAGE_BUCKET = private_bucket
    private_backend().delete("documents/ll/one.txt")
    assert files_restore(archive_again) == 2
    assert sorted(private_files_walk()) == ["complaints/7/two.pdf", "documents/ll/one.txt"]
    with PrivateStorage().open("documents/ll/one.txt") as handle:
        assert handle.read() == b"one"


def test_restore_ignores_members_outside_the_archive_root(private_bucket, tmp_path):
    import io

    archive = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("private_media/ok.txt", "../escape.txt", "private_media/../../escape2.txt", "/etc/x"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"hi"))
    assert files_restore(archive) == 1
    assert list(private_files_walk()) == ["ok.txt"]


def test_retention_removes_a_deleted_complaints_evidence_from_the_bucket(
    demo, person, private_bucket, s3_client, django_capture_on_commit_callbacks
):
    from complaints.models import Complaint
    from complaints.services.attachments import complaint_attachment_add
    from privacy import services
    from privacy.models import RetentionRule

    complaint = Complaint.objects.filter(council__slug="leighton-linslade").first()
    attachment = complaint_attachment_add(
        actor=complaint.complainant,
        complaint=complaint,
        upload=SimpleUploadedFile("note.txt", b"evidence text", content_type="text/plain"),
    )
    key = attachment.file.name
    assert s3_client.head_object(Bucket=private_bucket, Key=key)
    Complaint.objects.filter(pk=complaint.pk).update(state="closed", updated_at=timezone.now() - timedelta(days=800))
    services.retention_rule_save(
        actor=person("ll-town-clerk"),
        rule=RetentionRule(council=complaint.council, record_type="complaint", retain_days=730, action="delete"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        applied = services.retention_apply()
    assert complaint.pk in [e.object_id for e in applied if e.record_type == "complaint"]
    assert not Complaint.objects.filter(pk=complaint.pk).exists()
    assert "Contents" not in s3_client.list_objects_v2(Bucket=private_bucket, Prefix=key)


def test_readiness_checks_the_bucket(client, private_bucket, s3_settings):
    ready = client.get("/readyz/")
    assert ready.status_code == 200 and ready.json()["checks"]["storage"]["detail"] == "bucket"
    s3_settings.PRIVATE_STORAGE_BUCKET = "pp-no-such-bucket"
    missing = client.get("/readyz/")
    assert missing.status_code == 503 and missing.json()["checks"]["storage"]["ok"] is False


def test_evidence_is_downloaded_from_the_bucket_through_the_permission_check(demo, client, login, private_bucket):
    from complaints.models import Complaint
    from complaints.services.attachments import complaint_attachment_add

    complaint = Complaint.objects.filter(council__slug="leighton-linslade").first()
    attachment = complaint_attachment_add(
        actor=complaint.complainant,
        complaint=complaint,
        upload=SimpleUploadedFile("note.txt", b"evidence held in the bucket", content_type="text/plain"),
    )
    client.force_login(complaint.complainant)
    response = client.get(f"/complaints/{complaint.pk}/evidence/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"evidence held in the bucket"
    assert response["Content-Length"] == str(len(b"evidence held in the bucket"))
    assert response["Cache-Control"] == "private, no-store"
    login("tw-councillor-1")
    assert client.get(f"/complaints/{complaint.pk}/evidence/{attachment.pk}/").status_code == 404
