"""The life of a protocol version, declared once: draft, adopted (one per council), superseded."""

from __future__ import annotations

from django.db import models

from protocol_portal.core.transitions import SYSTEM, Machine, Move


class ProtocolStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ADOPTED = "adopted", "Adopted"
    SUPERSEDED = "superseded", "Superseded"


ADMINISTRATOR = "administrator"  # of the council whose protocol it is
_WHO = frozenset({ADMINISTRATOR, SYSTEM})  # SYSTEM: loading the councils' reference protocols

PROTOCOL_LIFE = Machine(
    states=ProtocolStatus,
    field="status",
    noun="version",
    moves=[
        Move("adopt", sources=frozenset({ProtocolStatus.DRAFT}), target=ProtocolStatus.ADOPTED, actors=_WHO),
        # Only as part of adopting the next version, so the council always has its adopted protocol.
        Move(
            "supersede",
            sources=frozenset({ProtocolStatus.ADOPTED}),
            target=ProtocolStatus.SUPERSEDED,
            actors=_WHO,
        ),
    ],
)
