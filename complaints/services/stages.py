"""The procedure's stages: respond with a finding, escalate to the next stage, extend a deadline, remedies done."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save
from protocol_portal.core.workdays import add_working_days, today

from ..models import Complaint, ComplaintEvent, ComplaintExtension, Finding, RemedyAction, StageResponse
from ..permissions import complaint_stage_check
from ..selectors import complaint_stage, complaint_stages_for
from ..workflow import OPEN_STATES, Procedure, State
from .bodies import complaint_decided_by_body
from .lifecycle import _lock, complaint_transition
from .notify import complaint_notify
from .subject import subject_comment_pending

OMBUDSMAN = (
    "If you remain dissatisfied you may ask the Local Government and Social Care Ombudsman to look at your complaint "
    "(www.lgo.org.uk)."
)


def complaint_default_next_route(*, complaint: Complaint) -> str:
    """What the response tells the complainant they can do next, where the handler writes nothing else."""
    nxt = complaint_stage(council=complaint.council, number=complaint.stage + 1)
    if nxt is not None:
        return (
            f"If you are not satisfied you can ask for your complaint to be considered at {nxt.name}: use the "
            "'Escalate' button on the complaint's page or reply to this notice, saying why."
        )
    procedures = [str(Procedure(p).label) for p in complaint.chain.procedure_list()]
    tail = f" The council may also consider it under: {', '.join(procedures)}." if procedures else ""
    return OMBUDSMAN + tail


def complaint_respond(
    *,
    actor: Any,
    complaint_id: int,
    finding: str,
    response: str,
    remedy: str = "",
    actions: list[str] | None = None,
    next_route: str = "",
    expected_state: str = "",
    on: date | None = None,
) -> StageResponse:
    """The handler answers the current stage. The complainant is told the finding and the next route."""
    on = on or today()
    errors: dict[str, str] = {}
    if finding not in Finding.values:
        errors["finding"] = "Choose the finding: " + ", ".join(str(f.label).lower() for f in Finding) + "."
    if not (response or "").strip():
        errors["response"] = "Write the response: the complainant will see it."
    actions = [a.strip() for a in actions or [] if a.strip()]
    if any(len(a) > 300 for a in actions):
        errors["actions"] = "Keep each action to 300 characters."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        complaint = _lock(complaint_id)
        by_body = complaint_decided_by_body(complaint)
        # A body's resolution is recorded by its convener (the handler) or the clerk, never as one member's act.
        complaint_stage_check(actor, "extend" if by_body else "respond", complaint)
        if by_body:
            if complaint.meeting is None:
                raise ValidationError(
                    {"finding": "This complaint is decided by a body: place it on a meeting's agenda first."}
                )
            if complaint.meeting.date > on:
                raise ValidationError(
                    {"finding": f"The body decides at its meeting on {complaint.meeting.date:%d %B %Y}."}
                )
        if expected_state and expected_state != complaint.state:
            raise ValidationError(
                {"finding": "Someone else changed this complaint while you were looking at it: check and try again."}
            )
        if complaint.state not in OPEN_STATES:
            raise ValidationError(
                {"finding": f"A complaint that is '{complaint.get_state_display()}' cannot be answered."}
            )
        if StageResponse.objects.filter(complaint=complaint, stage=complaint.stage).exists():
            raise ValidationError({"finding": f"Stage {complaint.stage} has already been answered."})
        waiting = subject_comment_pending(complaint=complaint, on=on)
        if waiting:
            raise ValidationError({"finding": waiting})
        route = next_route.strip() or complaint_default_next_route(complaint=complaint)
        started = complaint.received_on
        last_escalation = complaint.events.filter(kind=ComplaintEvent.Kind.STAGE_ESCALATED).order_by("-at").first()
        if last_escalation is not None:
            started = last_escalation.at.date()
        answer = audited_save(
            StageResponse(
                complaint=complaint,
                stage=complaint.stage,
                handler=actor,
                handler_office=complaint.handler_office,
                finding=finding,
                response=response.strip(),
                remedy=remedy.strip(),
                next_route=route,
                responded_on=on,
                due_on=complaint.respond_by,
                acknowledged_on=complaint.acknowledged_on,
                started_on=started,
                meeting=complaint.meeting if by_body else None,
            ),
            actor=actor,
            reason=f"Stage {complaint.stage} response: {Finding(finding).label}",
            validate=False,
        )
        for text in actions:
            audited_save(
                RemedyAction(complaint=complaint, stage=complaint.stage, text=text),
                actor=actor,
                reason="Action promised in the response",
                validate=False,
            )
        if complaint.acknowledged_on is None:
            complaint.acknowledged_on = on
        complaint.finding = finding
        audited_save(complaint, actor=actor, reason=f"Finding at stage {complaint.stage}", validate=False)
        outcome = f"{Finding(finding).label}. {response.strip()}"
        if by_body and complaint.meeting is not None and complaint.current_step is not None:
            outcome = (
                f"Resolution of {complaint.current_step.label} at its meeting on {complaint.meeting.date:%d %B %Y}: "
                + outcome
            )
        if remedy.strip():
            outcome += f"\nWhat we will do: {remedy.strip()}"
        if actions:
            outcome += "\n" + "\n".join(f"- {a}" for a in actions)
        complaint_transition(
            actor=actor,
            complaint_id=complaint.pk,
            to=State.RESOLVED,
            move="record_body_resolution" if by_body else None,
            reason=f"Stage {complaint.stage} answered: {Finding(finding).label.lower()}",
            outcome=f"{outcome}\n\nNext: {route}",
            on=on,
        )
    return answer


def complaint_escalate_stage(
    *, actor: Any, complaint_id: int, reason: str, expected_stage: int | None = None, on: date | None = None
) -> Complaint:
    """The complainant (or whoever logged it for them) takes the complaint to the next stage.

    Allowed once the current stage is answered, or while it is open and past its deadline. The next
    stage's handler is never anyone who handled an earlier stage, the subject, or someone with a declared
    relationship to either party.
    """
    on = on or today()
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why you are not satisfied: the next handler will read it."})
    with transaction.atomic():
        complaint = _lock(complaint_id)
        complaint_stage_check(actor, "escalate", complaint)
        if expected_stage is not None and expected_stage != complaint.stage:
            raise ValidationError({"reason": f"This complaint is already at stage {complaint.stage}."})
        nxt = complaint_stage(council=complaint.council, number=complaint.stage + 1)
        if nxt is None:
            raise ValidationError(
                {
                    "reason": f"This complaint is already at the council's final stage (stage {complaint.stage}). "
                    + OMBUDSMAN
                }
            )
        answered = StageResponse.objects.filter(complaint=complaint, stage=complaint.stage).exists()
        why = "unanswered past its deadline" if not answered else "the complainant is not satisfied"
        complaint = complaint_transition(
            actor=actor,
            complaint_id=complaint.pk,
            to=State.ESCALATED,
            reason=f"Escalated to {nxt.name} ({why}): {reason.strip()}",
            on=on,
            next_stage=True,
        )
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.STAGE_ESCALATED,
                actor=actor,
                text=f"Escalated to {nxt.name}: {reason.strip()}",
            ),
            actor=actor,
            reason="Escalation to the next stage",
            validate=False,
        )
    return complaint


def complaint_extend(
    *,
    actor: Any,
    complaint_id: int,
    working_days: int,
    reason: str,
    exceptional_reason: str = "",
    on: date | None = None,
) -> ComplaintExtension:
    """A later response date at the current stage; beyond the stage's limit only with an exceptional reason."""
    errors: dict[str, str] = {}
    try:
        days = int(working_days)
    except (TypeError, ValueError):
        days = 0
    if days < 1:
        errors["working_days"] = "Give the extension as a whole number of working days, at least 1."
    if not (reason or "").strip():
        errors["reason"] = "Give the reason for the extension: the complainant is told it."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        complaint = _lock(complaint_id)
        complaint_stage_check(actor, "extend", complaint)
        if complaint.state not in OPEN_STATES:
            raise ValidationError({"working_days": "Only an open complaint's deadline can be extended."})
        stage = (
            complaint_stage(council=complaint.council, number=complaint.stage)
            or complaint_stages_for(council=complaint.council)[-1]
        )
        already = sum(complaint.extensions.filter(stage=complaint.stage).values_list("working_days", flat=True))
        if already + days > stage.extension_limit and not exceptional_reason.strip():
            left = max(stage.extension_limit - already, 0)
            raise ValidationError(
                {
                    "working_days": f"{stage.name} allows at most {stage.extension_limit} working days of extension "
                    f"({already} already granted) without an exceptional reason: give one, or extend by at most "
                    f"{left}."
                }
            )
        previous = complaint.respond_by
        extension = audited_save(
            ComplaintExtension(
                complaint=complaint,
                stage=complaint.stage,
                working_days=days,
                previous_date=previous,
                new_date=add_working_days(previous, days),
                reason=reason.strip(),
                exceptional_reason=exceptional_reason.strip(),
                granted_by=actor,
            ),
            actor=actor,
            reason=f"Extension at stage {complaint.stage}: {reason.strip()}"[:500],
            validate=False,
        )
        complaint.respond_by = extension.new_date
        complaint.overdue_flagged_on = None
        audited_save(complaint, actor=actor, reason=f"Response date extended: {reason.strip()}"[:500], validate=False)
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.EXTENDED,
                actor=actor,
                text=f"Response due {extension.new_date:%d %B %Y} (was {previous:%d %B %Y}): {reason.strip()}",
            ),
            actor=actor,
            reason="Extension recorded",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"extended:{extension.pk}",
            subject="More time is needed to answer your complaint",
            body=f"We will now respond by {extension.new_date:%d %B %Y} (previously {previous:%d %B %Y}). "
            f"Reason: {reason.strip()}",
        )
    return extension


def remedy_action_done(*, actor: Any, action_id: int, on: date | None = None) -> RemedyAction:
    """Mark a promised action done (the handler or the council's administrators); the complainant is told."""
    with transaction.atomic():
        action = RemedyAction.objects.select_for_update(of=("self",)).select_related("complaint").get(pk=action_id)
        complaint_stage_check(actor, "extend", action.complaint)
        if action.done_on is not None:
            raise ValidationError({"action": "This action is already recorded as done."})
        action.done_on = on or today()
        action.done_by = actor
        audited_save(action, actor=actor, reason="Action done", validate=False)
        complaint_notify(
            complaint=action.complaint,
            recipient=action.complaint.complainant,
            event=f"remedy-done:{action.pk}",
            subject="An action on your complaint is done",
            body=f"Done on {action.done_on:%d %B %Y}: {action.text}",
        )
    return action
