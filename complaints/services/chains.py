"""Administrators edit their council's routing chains and deadlines: no code change for a new council."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save

from ..models import CODE_STAGES, ChainStep, ComplaintSettings, ComplaintStage, RoutingChain, StepNotice
from ..permissions import chain_manage_check


def chain_save(*, actor: Any, chain: RoutingChain, reason: str = "") -> RoutingChain:
    chain_manage_check(actor, chain.council)
    return audited_save(chain, actor=actor, reason=reason or "Routing chain saved")


def step_save(*, actor: Any, step: ChainStep, reason: str = "") -> ChainStep:
    """Save a step; a position already taken pushes the later steps down one place."""
    chain_manage_check(actor, step.chain.council)
    with transaction.atomic():
        clash = ChainStep.objects.filter(chain=step.chain, position=step.position).exclude(pk=step.pk).exists()
        if clash:
            later = ChainStep.objects.select_for_update(of=("self",), no_key=True).filter(
                chain=step.chain, position__gte=step.position
            )
            for other in sorted(later.exclude(pk=step.pk), key=lambda s: -s.position):
                other.position += 1
                audited_save(other, actor=actor, reason="Moved down to make room for a step", validate=False)
        return audited_save(step, actor=actor, reason=reason or "Routing step saved")


def step_delete(*, actor: Any, step: ChainStep, reason: str = "") -> None:
    from django.core.exceptions import ValidationError

    from ..models import Complaint

    chain_manage_check(actor, step.chain.council)
    if Complaint.objects.filter(current_step=step).exists():
        raise ValidationError("Complaints are with this step now: it can be removed once they have moved on.")
    step._history_user = actor  # type: ignore[attr-defined]
    step._change_reason = reason or "Routing step removed"  # type: ignore[attr-defined]
    step.delete()


def step_notice_save(*, actor: Any, notice: StepNotice, reason: str = "") -> StepNotice:
    chain_manage_check(actor, notice.step.chain.council)
    return audited_save(notice, actor=actor, reason=reason or "Person to tell saved")


def step_notice_delete(*, actor: Any, notice: StepNotice, reason: str = "") -> None:
    chain_manage_check(actor, notice.step.chain.council)
    notice._history_user = actor  # type: ignore[attr-defined]
    notice._change_reason = reason or "Person to tell removed"  # type: ignore[attr-defined]
    notice.delete()


def complaint_settings_save(*, actor: Any, settings: ComplaintSettings, reason: str = "") -> ComplaintSettings:
    chain_manage_check(actor, settings.council)
    return audited_save(settings, actor=actor, reason=reason or "Complaint deadlines saved")


def complaint_stage_save(*, actor: Any, stage: ComplaintStage, reason: str = "") -> ComplaintStage:
    """Save one stage; the first change writes the Code's stages down so the council's set stays complete."""
    chain_manage_check(actor, stage.council)
    with transaction.atomic():
        existing = set(ComplaintStage.objects.filter(council=stage.council).values_list("number", flat=True))
        if not existing:
            for spec in CODE_STAGES:
                if spec["number"] != stage.number:
                    audited_save(
                        ComplaintStage(council=stage.council, **spec),
                        actor=actor,
                        reason="The Complaint Handling Code's stages, recorded when the council set its own",
                    )
                    existing.add(spec["number"])  # type: ignore[arg-type]
        if stage.pk is None and stage.number > max(existing, default=0) + 1:
            raise ValidationError({"name": f"Add stage {max(existing, default=0) + 1} first."})
        return audited_save(stage, actor=actor, reason=reason or f"Complaint stage {stage.number} saved")


def chain_copy(*, actor: Any, chain: RoutingChain, name: str, slug: str, kind: str, reason: str = "") -> RoutingChain:
    """A copy of the chain, its steps and whom they tell: inactive until an administrator switches it on."""
    chain_manage_check(actor, chain.council)
    if RoutingChain.objects.filter(council=chain.council, slug=slug).exists():
        raise ValidationError({"slug": "This council already has a chain with this short name."})
    why = reason or f"Copied from '{chain.name}'"
    with transaction.atomic():
        copy = audited_save(
            RoutingChain(
                council=chain.council,
                kind=kind,
                name=name,
                slug=slug,
                clause=chain.clause,
                description=chain.description,
                procedures=chain.procedures,
                informal_first=chain.informal_first,
                subject_may_comment=chain.subject_may_comment,
                subject_comment_within=chain.subject_comment_within,
                active=False,
                is_fallback=False,
            ),
            actor=actor,
            reason=why,
        )
        for step in chain.steps.prefetch_related("notices"):
            notices = list(step.notices.all())
            step.pk = None
            step.id = None
            step.chain = copy
            step._state.adding = True
            audited_save(step, actor=actor, reason=why)
            for notice in notices:
                notice.pk = None
                notice.id = None
                notice.step = step
                notice._state.adding = True
                audited_save(notice, actor=actor, reason=why)
    return copy
