"""Helpers to make protocol versions through the services (so tests exercise the real paths)."""

from __future__ import annotations

from datetime import date

from expectations.models import Clause, ProtocolDocument
from expectations.services import ClauseInput, protocol_adopt, protocol_draft_create
from roles.models import Council

EXPECTATION = Clause.Kind.EXPECTATION_OF_OFFICERS


def draft_for(council: Council, version: str = "2", clauses: list[ClauseInput] | None = None) -> ProtocolDocument:
    return protocol_draft_create(
        actor=None,
        council=council,
        title="Member/Officer Protocol",
        version=version,
        full_text="1.1 Timely response to enquiries and complaints.",
        clauses=clauses
        or [ClauseInput(number="1.1", kind=EXPECTATION, text="Timely response to enquiries and complaints.")],
    )


def adopted_new_version(council: Council, version: str = "2", on: date = date(2026, 11, 1)) -> ProtocolDocument:
    return protocol_adopt(actor=None, document=draft_for(council, version), adopted_on=on, review_due=date(2029, 11, 1))
