"""Writes of the standards app: Code of Conduct complaints, deadlines, registers and group briefings."""

from .briefings import briefing_decide, briefing_request
from .conduct import (
    conduct_assess,
    conduct_complaint_create,
    conduct_complaint_from_referral,
    conduct_transition,
)
from .deadlines import conduct_deadlines_process, interest_returns_remind
from .hearing import (
    conduct_decide,
    conduct_hearing_refer,
    conduct_investigation_record,
    conduct_ip_view_record,
    conduct_member_consults_ip,
)
from .ward_events import correspondence_record, ward_event_record

__all__ = [
    "briefing_decide",
    "briefing_request",
    "conduct_assess",
    "conduct_complaint_create",
    "conduct_complaint_from_referral",
    "conduct_decide",
    "conduct_deadlines_process",
    "conduct_hearing_refer",
    "conduct_investigation_record",
    "conduct_ip_view_record",
    "conduct_member_consults_ip",
    "conduct_transition",
    "correspondence_record",
    "interest_returns_remind",
    "ward_event_record",
]
