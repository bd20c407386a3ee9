"""How long declarations are kept: counted from the day they end (registered in ``RolesConfig.ready``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from protocol_portal.core.retention import (
    REMOVED,
    RetentionHandler,
    anonymise_record,
    delete_record,
    register_retention,
)

from .models import Council, InterestDeclaration, RelationshipDeclaration


def _ended_before(model: Any) -> Any:
    def closed_before(council: Council, cutoff: date) -> QuerySet:
        return model.objects.filter(council=council, end_date__lt=cutoff)

    return closed_before


def register_retention_handlers() -> None:
    register_retention(
        RetentionHandler(
            record_type="relationship_declaration",
            label="Close personal relationship declarations (after they end)",
            closed_before=_ended_before(RelationshipDeclaration),
            anonymise=lambda record, reason: anonymise_record(record, fields={"details": REMOVED}, reason=reason),
            delete=lambda record, reason: delete_record(record, reason=reason),
        )
    )
    register_retention(
        RetentionHandler(
            record_type="interest_declaration",
            label="Registered interests (after they end)",
            closed_before=_ended_before(InterestDeclaration),
            anonymise=lambda record, reason: anonymise_record(
                record, fields={"description": REMOVED, "matters": ""}, reason=reason
            ),
            delete=lambda record, reason: delete_record(record, reason=reason),
        )
    )
