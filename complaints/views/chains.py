"""Administrators edit their council's routing chains and complaint deadlines in the browser."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from protocol_portal.core.forms import GovFormMixin
from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council
from roles.permissions import can_manage_council

from .. import services
from ..forms import ChainCopyForm, ChainForm, SettingsForm, StageForm, StepForm, StepNoticeForm
from ..models import ChainStep, ComplaintSettings, ComplaintStage, RoutingChain, StepNotice
from ..permissions import chain_manage_check, complaints_report_check
from ..selectors import complaint_settings_for, complaint_stages_for, council_chains


class ChainListView(LoginRequiredMixin, TemplateView):
    """A council's chains, steps and deadlines: readable by anyone signed in (part of the protocol)."""

    template_name = "complaints/chain_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = get_object_or_404(Council, slug=kwargs["slug"])
        return {
            **super().get_context_data(**kwargs),
            "title": "Complaint routing",
            "council": council,
            "chains": council_chains(council=council),
            "settings": complaint_settings_for(council=council),
            "stages": complaint_stages_for(council=council),
            "can_manage": can_manage_council(self.request.user, council),
            "can_report": _may_report(self.request.user, council),
        }


class ChainDetailView(ChainListView):
    template_name = "complaints/chain_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["chain"] = get_object_or_404(context["chains"], slug=kwargs["chain"])
        context["title"] = context["chain"].name
        return context


class _ManageView(LoginRequiredMixin, ServiceFormView):
    """Loads the council and requires its administrator before showing any form."""

    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        chain_manage_check(request.user, self.council)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        pass

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council, "back_url": self.get_success_url()}

    def get_success_url(self) -> str:
        return reverse("complaints:chains", args=[self.council.slug])


class _ChainScoped(_ManageView):
    chain: RoutingChain

    def load(self, **kwargs: Any) -> None:
        self.chain = get_object_or_404(RoutingChain, council=self.council, slug=kwargs["chain"])

    def get_success_url(self) -> str:
        return reverse("complaints:chain-detail", args=[self.council.slug, self.chain.slug])


class ChainCreateView(_ManageView):
    form_class = ChainForm
    title = "Add a routing chain"
    success_message = "Routing chain added."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "council": self.council}

    def perform(self, form: Any) -> Any:
        return services.chain_save(
            actor=self.request.user,
            chain=form.instance,
            reason=form.cleaned_data["change_reason"] or "Routing chain added",
        )


class ChainEditView(_ChainScoped):
    form_class = ChainForm
    title = "Edit routing chain"
    success_message = "Routing chain saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "council": self.council, "instance": self.chain}

    def perform(self, form: Any) -> Any:
        return services.chain_save(
            actor=self.request.user, chain=form.instance, reason=form.cleaned_data["change_reason"]
        )


class StepCreateView(_ChainScoped):
    form_class = StepForm
    title = "Add a step"
    success_message = "Step added."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "chain": self.chain}

    def get_initial(self) -> dict[str, Any]:
        last = self.chain.steps.order_by("-position").values_list("position", flat=True).first() or 0
        return {"position": last + 1}

    def perform(self, form: Any) -> Any:
        return services.step_save(
            actor=self.request.user, step=form.instance, reason=form.cleaned_data["change_reason"]
        )


class _StepScoped(_ChainScoped):
    step: ChainStep

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.step = get_object_or_404(ChainStep, chain=self.chain, pk=kwargs["step"])


class StepEditView(_StepScoped):
    form_class = StepForm
    title = "Edit step"
    success_message = "Step saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "chain": self.chain, "instance": self.step}

    def perform(self, form: Any) -> Any:
        return services.step_save(
            actor=self.request.user, step=form.instance, reason=form.cleaned_data["change_reason"]
        )


class _ConfirmForm(GovFormMixin, forms.Form):
    submit_label = "Remove"


class StepDeleteView(_StepScoped):
    form_class = _ConfirmForm
    title = "Remove this step?"
    success_message = "Step removed."

    def perform(self, form: Any) -> Any:
        return services.step_delete(actor=self.request.user, step=self.step)


class StepNoticeCreateView(_StepScoped):
    form_class = StepNoticeForm
    title = "Add someone to tell"
    success_message = "Added."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "step": self.step}

    def perform(self, form: Any) -> Any:
        return services.step_notice_save(
            actor=self.request.user, notice=form.instance, reason=form.cleaned_data["change_reason"]
        )


class StepNoticeDeleteView(_StepScoped):
    form_class = _ConfirmForm
    title = "Stop telling this person?"
    success_message = "Removed."

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.notice = get_object_or_404(StepNotice, step=self.step, pk=kwargs["notice"])

    def perform(self, form: Any) -> Any:
        return services.step_notice_delete(actor=self.request.user, notice=self.notice)


class SettingsEditView(_ManageView):
    form_class = SettingsForm
    title = "Complaint deadlines"
    success_message = "Deadlines saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        settings = ComplaintSettings.objects.filter(council=self.council).first() or ComplaintSettings(
            council=self.council
        )
        return {**super().get_form_kwargs(), "instance": settings}

    def perform(self, form: Any) -> Any:
        return services.complaint_settings_save(
            actor=self.request.user, settings=form.instance, reason=form.cleaned_data["change_reason"]
        )


def _may_report(user: Any, council: Council) -> bool:
    try:
        complaints_report_check(user, council)
    except PermissionDenied:
        return False
    return True


class StageEditView(_ManageView):
    form_class = StageForm
    title = "Complaint stage"
    success_message = "Stage saved."

    def load(self, **kwargs: Any) -> None:
        self.number = int(kwargs["number"])
        stages = {s.number: s for s in complaint_stages_for(council=self.council)}
        if self.number not in stages and self.number != max(stages, default=0) + 1:
            raise Http404("No such stage.")
        self.stage = stages.get(self.number) or ComplaintStage(
            council=self.council, number=self.number, name=f"Stage {self.number}"
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.stage}

    def perform(self, form: Any) -> Any:
        return services.complaint_stage_save(
            actor=self.request.user, stage=form.instance, reason=form.cleaned_data["change_reason"]
        )


class ChainCopyView(_ChainScoped):
    form_class = ChainCopyForm
    title = "Copy a routing chain"
    success_message = "Chain copied. It is inactive until you switch it on."

    def get_initial(self) -> dict[str, Any]:
        return {"name": f"Copy of {self.chain.name}", "slug": f"{self.chain.slug}-copy"[:80], "kind": self.chain.kind}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        self.copy = services.chain_copy(
            actor=self.request.user,
            chain=self.chain,
            name=data["name"],
            slug=data["slug"],
            kind=data["kind"],
            reason=data["change_reason"],
        )
        return self.copy

    def get_success_url(self) -> str:
        copy = getattr(self, "copy", None)
        if copy is not None:
            return reverse("complaints:chain-detail", args=[self.council.slug, copy.slug])
        return super().get_success_url()
