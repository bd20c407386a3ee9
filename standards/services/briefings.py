"""Officers at political group meetings (CD 4.3, TW 2.17): asked, decided after the MO, offered to every group."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from roles.models import GroupMembership, PoliticalGroup, today

from ..models import BriefingOffer, GroupBriefing
from ..permissions import briefing_decide_check, briefing_grant_view, briefing_request_check


def briefing_request(*, actor: Any, group: PoliticalGroup, topic: str, meeting_on: date) -> GroupBriefing:
    briefing_request_check(actor, group)
    errors = {}
    if not topic.strip():
        errors["topic"] = "Say what the group would like an officer to brief it on."
    if meeting_on < today():
        errors["meeting_on"] = "The meeting date cannot be in the past."
    if errors:
        raise ValidationError(errors)
    briefing = audited_save(
        GroupBriefing(
            council=group.council, group=group, requested_by=actor, topic=topic.strip(), meeting_on=meeting_on
        ),
        actor=actor,
        reason="Officer attendance at a group meeting requested",
    )
    briefing_grant_view(briefing=briefing, person=actor)
    return briefing


def briefing_decide(*, actor: Any, briefing_id: int, agree: bool, mo_consulted: bool, reasons: str) -> GroupBriefing:
    """Agree (every other group is told and offered the same) or refuse (only after consulting the MO)."""
    with transaction.atomic():
        briefing = GroupBriefing.objects.select_for_update(of=("self",), no_key=True).get(pk=briefing_id)
        briefing_decide_check(actor, briefing)
        if briefing.state != GroupBriefing.State.REQUESTED:
            raise ValidationError({"agree": f"This request is already {briefing.get_state_display().lower()}."})
        if not agree and not mo_consulted:
            raise ValidationError({"mo_consulted": "Consult the Monitoring Officer before refusing (CD 4.3)."})
        if not agree and not reasons.strip():
            raise ValidationError({"reasons": "Give the reasons for refusing: the group is told them."})
        briefing.state = GroupBriefing.State.AGREED if agree else GroupBriefing.State.REFUSED
        briefing.decided_by = actor
        briefing.mo_consulted = mo_consulted
        briefing.decision_reasons = reasons.strip()
        audited_save(briefing, actor=actor, reason=f"{briefing.get_state_display()}: {reasons.strip()}"[:500])
        for person in _group_members(briefing.group_id):
            notice_raise(
                recipient=person,
                key=f"briefing:{briefing.pk}:decided:{person.pk}",
                subject=f"Your group's request for an officer: {briefing.get_state_display().split(':')[0].lower()}",
                body=f"{briefing.topic} on {briefing.meeting_on:%d %B %Y}. {reasons.strip()}".strip(),
            )
        if agree:
            _offer_every_other_group(briefing, actor)
    return briefing


def _group_members(group_id: int) -> list[Any]:
    return [m.person for m in GroupMembership.objects.current().filter(group_id=group_id).select_related("person")]


def _offer_every_other_group(briefing: GroupBriefing, actor: Any) -> None:
    # Told of the briefing and its subject, never of what is said at it (CD 4.2(c)).
    for group in PoliticalGroup.objects.filter(council=briefing.council).exclude(pk=briefing.group_id):
        if BriefingOffer.objects.filter(briefing=briefing, group=group).exists():
            continue
        audited_save(
            BriefingOffer(briefing=briefing, group=group, offered_on=today()),
            actor=actor,
            reason=f"Offered the same briefing as {briefing.group}",
        )
        for person in _group_members(group.pk):
            notice_raise(
                recipient=person,
                key=f"briefing:{briefing.pk}:offer:{person.pk}",
                subject="An officer briefing offered to your group",
                body=f"An officer will brief {briefing.group} on '{briefing.topic}'. Your group is offered the same "
                "briefing: reply to the Chief Executive to arrange it.",
            )
