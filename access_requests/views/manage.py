"""The council administrators' pages: document register, meetings and access rules (all data)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council
from roles.permissions import can_manage_council

from .. import forms, permissions, services
from ..models import AccessPolicy, AccessRule, AgendaItem, Meeting, RuleKind
from ..rules import council_rules


class CouncilScopedMixin(LoginRequiredMixin):
    council: Council
    manage = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        if self.manage:
            permissions.document_manage_check(request.user, self.council)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council}  # type: ignore[misc]


class DocumentCreateView(CouncilScopedMixin, ServiceFormView):
    form_class = forms.DocumentForm
    title = "Add a document to the register"
    success_message = "Document added."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "council": self.council}

    def perform(self, form: Any) -> Any:
        d = form.cleaned_data
        return services.document_upload(
            actor=self.request.user,
            council=self.council,
            title=d["title"],
            classification=d["classification"],
            category=d["category"],
            owner_office=d["owner_office"],
            meeting=d["meeting"],
            agenda_item=d["agenda_item"],
            matters=d["matters"],
            upload=d["file"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "back_url": reverse("access_requests:document-list")}

    def get_success_url(self) -> str:
        return reverse("access_requests:document-detail", args=[self.result.pk])


class MeetingListView(CouncilScopedMixin, TemplateView):
    """Meetings and their agenda (open and closed parts): published business, readable by signed-in users."""

    template_name = "access_requests/meeting_list.html"
    manage = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "meetings": Meeting.objects.filter(council=self.council)
            .select_related("committee")
            .prefetch_related("items"),
            "can_manage": can_manage_council(self.request.user, self.council),
        }


class MeetingCreateView(CouncilScopedMixin, ServiceFormView):
    form_class = forms.MeetingForm
    title = "Add a meeting"
    success_message = "Meeting added."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "council": self.council}

    def perform(self, form: Any) -> Any:
        return services.meeting_save(actor=self.request.user, meeting=form.instance)

    def get_success_url(self) -> str:
        return reverse("access_requests:meeting-list", args=[self.council.slug])


class AgendaItemCreateView(CouncilScopedMixin, ServiceFormView):
    form_class = forms.AgendaItemForm
    title = "Add an agenda item"
    success_message = "Agenda item added."

    def get_form_kwargs(self) -> dict[str, Any]:
        self.meeting = get_object_or_404(Meeting, council=self.council, pk=self.kwargs["meeting"])
        return {**super().get_form_kwargs(), "instance": AgendaItem(meeting=self.meeting)}

    def perform(self, form: Any) -> Any:
        return services.agenda_item_save(actor=self.request.user, item=form.instance)

    def get_success_url(self) -> str:
        return reverse("access_requests:meeting-list", args=[self.council.slug])


class RuleListView(CouncilScopedMixin, TemplateView):
    """The council's access rules and the clauses they rest on: readable by signed-in users, edited by admins."""

    template_name = "access_requests/rule_list.html"
    manage = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        configured = {r.kind: r for r in AccessRule.objects.filter(council=self.council)}
        effective = council_rules(council=self.council)
        rows = []
        for kind in RuleKind:
            rule = configured.get(kind)
            live = effective.rules.get(kind)
            clause = effective.clauses.get(live.clause_number) if live and live.clause_number else None
            rows.append(
                {
                    "kind": kind,
                    "rule": rule,
                    "enabled": live is not None,
                    "clause": clause,
                    "number": live.clause_number if live else "",
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "using_defaults": not configured,
            "policy": AccessPolicy.objects.filter(council=self.council).first(),
            "can_manage": can_manage_council(self.request.user, self.council),
        }


class RuleEditView(CouncilScopedMixin, ServiceFormView):
    form_class = forms.AccessRuleForm
    success_message = "Access rule saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        if self.kwargs["kind"] not in RuleKind.values:
            raise Http404("No such rule.")
        self.kind = RuleKind(self.kwargs["kind"])
        instance = AccessRule.objects.filter(council=self.council, kind=self.kind).first() or AccessRule(
            council=self.council, kind=self.kind
        )
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "title": f"Rule: {self.kind.label}",
            "back_url": self.get_success_url(),
        }

    def perform(self, form: Any) -> Any:
        d = form.cleaned_data
        return services.access_rule_save(
            actor=self.request.user,
            council=self.council,
            kind=self.kind,
            enabled=d["enabled"],
            clause_number=d["clause_number"],
            categories=d["categories"],
            note=d["note"],
            reason=d.get("change_reason") or "",
        )

    def get_success_url(self) -> str:
        return reverse("access_requests:rule-list", args=[self.council.slug])


class PolicyEditView(CouncilScopedMixin, ServiceFormView):
    form_class = forms.AccessPolicyForm
    title = "Deadlines, deciders and undertaking"
    success_message = "Access policy saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        instance = AccessPolicy.objects.filter(council=self.council).first() or AccessPolicy(council=self.council)
        return {**super().get_form_kwargs(), "instance": instance}

    def perform(self, form: Any) -> Any:
        fields = ["decision_working_days", "reminder_working_days", "decider_levels", "undertaking_text"]
        return services.access_policy_save(
            actor=self.request.user,
            council=self.council,
            values={f: form.cleaned_data[f] for f in fields},
            reason=form.cleaned_data.get("change_reason") or "",
        )

    def get_success_url(self) -> str:
        return reverse("access_requests:rule-list", args=[self.council.slug])
