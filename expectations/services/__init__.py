"""Every write of the expectations app: views, API, loaders and tasks call these."""

from .acknowledgements import acknowledgements_request, acknowledgements_request_all, protocol_acknowledge
from .documents import (
    ClauseInput,
    protocol_adopt,
    protocol_control_update,
    protocol_draft_clauses_replace,
    protocol_draft_create,
    protocol_transition,
)
from .reviews import protocol_reviews_remind

__all__ = [
    "ClauseInput",
    "acknowledgements_request",
    "acknowledgements_request_all",
    "protocol_acknowledge",
    "protocol_adopt",
    "protocol_control_update",
    "protocol_draft_clauses_replace",
    "protocol_draft_create",
    "protocol_reviews_remind",
    "protocol_transition",
]
