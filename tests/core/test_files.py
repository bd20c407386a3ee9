import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from protocol_portal.core.files import display_filename, safe_upload_name, validate_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_type_is_checked_by_content_not_name():
    assert validate_upload(SimpleUploadedFile("evidence.pdf", PDF)) == "application/pdf"
    disguised = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    with pytest.raises(ValidationError, match="must be a"):
        validate_upload(disguised)


def test_oversized_and_empty_files_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="smaller than"):
        validate_upload(SimpleUploadedFile("big.txt", b"a" * 101))
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(SimpleUploadedFile("empty.txt", b""))


def test_stored_names_never_use_the_users_name():
    name = safe_upload_name("evidence", "application/pdf")
    assert name.startswith("evidence/") and name.endswith(".pdf") and ".." not in name
    assert display_filename("../../etc/passwd") == "passwd"
    assert display_filename("..\\..\\boot.ini") == "boot.ini"
