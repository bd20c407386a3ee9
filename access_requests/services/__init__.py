"""Writes of the access-requests app (one module per concern)."""

from .documents import (
    access_policy_save,
    access_rule_save,
    agenda_item_save,
    document_update,
    document_upload,
    meeting_save,
)
from .grants import access_log_record, grant_accept_undertaking, grant_revoke, grants_end_with_office, grants_expire
from .workflow import (
    access_request_decide,
    access_request_determine,
    access_request_refer,
    access_request_submit,
    access_request_withdraw,
    access_requests_remind,
)

__all__ = [
    "access_log_record",
    "access_policy_save",
    "access_request_decide",
    "access_request_determine",
    "access_request_refer",
    "access_request_submit",
    "access_request_withdraw",
    "access_requests_remind",
    "access_rule_save",
    "agenda_item_save",
    "document_update",
    "document_upload",
    "grant_accept_undertaking",
    "grant_revoke",
    "grants_end_with_office",
    "grants_expire",
    "meeting_save",
]
