"""Administrators edit their council's routing chains and deadlines: no code change for a new council."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from protocol_portal.core.audit import audited_save

from ..models import ChainStep, ComplaintSettings, RoutingChain, StepNotice
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
