"""Every write to complaints goes through these services (pages, API, tasks and loaders alike)."""

from .attachments import complaint_attachment_add
from .chains import (
    chain_copy,
    chain_save,
    complaint_settings_save,
    complaint_stage_save,
    step_delete,
    step_notice_delete,
    step_notice_save,
    step_save,
)
from .deadlines import complaints_deadlines_process
from .lifecycle import complaint_action_record, complaint_create, complaint_route_preview, complaint_transition
from .stages import complaint_escalate_stage, complaint_extend, complaint_respond, remedy_action_done

__all__ = [
    "chain_copy",
    "chain_save",
    "complaint_stage_save",
    "complaint_action_record",
    "complaint_attachment_add",
    "complaint_create",
    "complaint_escalate_stage",
    "complaint_extend",
    "complaint_respond",
    "remedy_action_done",
    "complaint_route_preview",
    "complaint_settings_save",
    "complaint_transition",
    "complaints_deadlines_process",
    "step_delete",
    "step_notice_delete",
    "step_notice_save",
    "step_save",
]
