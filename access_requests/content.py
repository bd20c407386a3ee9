"""A document's content for reading in the page, and stamped copies naming who received them and when.

Inspect-only grants read the text in the page (no file is handed over); copies carry a
cover page (PDF) or header (text) with the councillor's name, the date and the undertaking.
"""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader, PdfWriter

from .models import Document

TEXT_TYPES = {"text/plain"}
PDF_TYPE = "application/pdf"


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A valid one-page A4 PDF of plain text lines (Helvetica), with correct cross-references."""
    stream_lines = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
    if title:
        stream_lines += ["/F1 15 Tf", f"({_pdf_escape(title)}) Tj", "T*", "T*", "/F1 11 Tf"]
    stream_lines += [f"({_pdf_escape(line)}) Tj T*" for line in lines[:52]]
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _read(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def document_text(document: Document) -> str | None:
    """The document's text for reading in the page, or None when it cannot be shown as text."""
    if document.content_type in TEXT_TYPES:
        return _read(document).decode("utf-8", errors="replace")
    if document.content_type == PDF_TYPE:
        reader = PdfReader(io.BytesIO(_read(document)))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        return "\n\n".join(f"[Page {n}]\n{text}" for n, text in enumerate(pages, start=1))
    return None


def copy_notice(document: Document, *, person_name: str, on: date, undertaking: str) -> list[str]:
    return [
        f"Copy supplied to {person_name} on {on:%-d %B %Y}.",
        f"Document: {document.title} ({document.get_classification_display()}), {document.council.name}.",
        "Undertaking: " + undertaking if undertaking else "",
    ]


def document_stamped_copy(
    document: Document, *, person_name: str, on: date, undertaking: str = ""
) -> tuple[bytes, str]:
    """The bytes of a copy carrying the recipient's name and the date, and a file name saying so."""
    notice = [line for line in copy_notice(document, person_name=person_name, on=on, undertaking=undertaking) if line]
    stem = f"{document.title[:60]} - copy for {person_name} {on:%Y-%m-%d}"
    if document.content_type in TEXT_TYPES:
        header = "\n".join(["=" * 72, *notice, "=" * 72, "", ""])
        return header.encode("utf-8") + _read(document), f"{stem}.txt"
    if document.content_type == PDF_TYPE:
        writer = PdfWriter()
        wrapped: list[str] = []
        for line in notice:
            while len(line) > 90:
                wrapped.append(line[:90])
                line = line[90:]
            wrapped.append(line)
        writer.append(PdfReader(io.BytesIO(simple_pdf(wrapped, title="Stamped copy"))))
        writer.append(PdfReader(io.BytesIO(_read(document))))
        writer.add_metadata({"/Subject": notice[0]})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), f"{stem}.pdf"
    # Other formats cannot be stamped safely in place: the name carries the stamp.
    extension = (document.file.name or "").rsplit(".", 1)[-1]
    return _read(document), f"{stem}.{extension}"
