"""A document's content for reading in the page, and stamped copies naming who received them and when.

Inspect-only grants read the text in the page (no file is handed over); copies carry a
cover page (PDF) or header (text) with the councillor's name, the date and the undertaking.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import font_roboto
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from .models import Document

TEXT_TYPES = {"text/plain"}
PDF_TYPE = "application/pdf"


# A Unicode TrueType font shipped in a package (Roboto: Latin, Greek, Cyrillic), embedded in the PDF, so
# a name like "Zoë Dvořák" or "Ολυμπία" prints as written.
FONT_DIR = Path(font_roboto.__file__).parent / "files"


def simple_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A one-page A4 PDF of text lines (wrapped to the page), with an optional title, in an embedded Unicode font."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("Roboto", "", str(FONT_DIR / "Roboto-Regular.ttf"))
    pdf.add_font("Roboto", "B", str(FONT_DIR / "Roboto-Bold.ttf"))
    pdf.add_page()
    if title:
        pdf.set_font("Roboto", "B", 15)
        pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font("Roboto", "", 11)
    for line in lines[:52]:
        if pdf.get_y() > pdf.h - 30:
            break  # one page: a cover, not the document
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


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
        writer.append(PdfReader(io.BytesIO(simple_pdf(notice, title="Stamped copy"))))
        writer.append(PdfReader(io.BytesIO(_read(document))))
        writer.add_metadata({"/Subject": notice[0]})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), f"{stem}.pdf"
    # Other formats cannot be stamped safely in place: the name carries the stamp.
    extension = (document.file.name or "").rsplit(".", 1)[-1]
    return _read(document), f"{stem}.{extension}"
