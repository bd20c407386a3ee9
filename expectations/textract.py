"""Plain text from an uploaded protocol (text, PDF or Word .docx), for the clause proposal."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

from django.core.exceptions import ValidationError

from protocol_portal.core.files import validate_upload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_XML = 20 * 1024 * 1024  # a protocol's document.xml is far smaller; refuse zip bombs


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_DOCX_XML:
            raise ValidationError("The Word document is too large to read.")
        root = ElementTree.fromstring(archive.read(info))  # noqa: S314 - parsed from our own size-checked zip entry
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        numbered = paragraph.find(f"{W}pPr/{W}numPr") is not None
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        paragraphs.append(("- " if numbered and text else "") + text)  # Word's own list items become bullets
    return "\n\n".join(paragraphs)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def upload_text(upload: Any) -> str:
    """The upload's text, or a ValidationError naming what can be read."""
    content_type = validate_upload(upload)
    data = upload.read()
    try:
        if content_type == "text/plain":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
        elif content_type == "application/pdf":
            text = _pdf_text(data)
        elif content_type == DOCX:
            text = _docx_text(data)
        else:
            raise ValidationError("Upload the protocol as a text file, a PDF or a Word (.docx) document.")
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise ValidationError("This file could not be read: paste the protocol's text instead.") from exc
    text = re.sub(r"\x00", "", text)
    if not text.strip():
        raise ValidationError("No text was found in this file (a scanned PDF has none): paste the text instead.")
    return text
