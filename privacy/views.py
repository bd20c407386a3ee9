"""Data-protection pages for a council's administrators and Monitoring Officer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council

from . import forms, services, subject_access
from .models import LegalHold, RetentionLogEntry, RetentionRule, SubjectAccessExport, SubjectAccessRequest
from .permissions import privacy_check


class PrivacyCouncilMixin(LoginRequiredMixin):
    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        privacy_check(request.user, self.council)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council}  # type: ignore[misc]


class PrivacyDashboardView(PrivacyCouncilMixin, TemplateView):
    template_name = "privacy/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = self.council
        return {
            **super().get_context_data(**kwargs),
            "rules": RetentionRule.objects.filter(council=council),
            "holds": LegalHold.objects.filter(council=council).select_related("placed_by"),
            "log": RetentionLogEntry.objects.filter(council=council)[:50],
            "subject_access_requests": subject_access.subject_access_requests_open(council=council),
            "today": timezone.localdate(),
            "exports": SubjectAccessExport.objects.filter(council=council).select_related("subject", "exported_by")[
                :50
            ],
        }


class _PrivacyFormView(PrivacyCouncilMixin, ServiceFormView):
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "council": self.council}
        if self.form_class in (forms.SubjectAccessForm, forms.SubjectAccessRequestForm):
            kwargs["user"] = self.request.user
        return kwargs

    def get_success_url(self) -> str:
        return reverse("privacy:dashboard", args=[self.council.slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "back_url": self.get_success_url()}


class SubjectAccessExportView(_PrivacyFormView):
    form_class = forms.SubjectAccessForm
    title = "Subject access export"

    def perform(self, form: Any) -> Any:
        export, archive = services.subject_access_export(
            actor=self.request.user,
            council=self.council,
            subject=form.cleaned_data["subject"],
            reason=form.cleaned_data["reason"],
            request=form.cleaned_data["request"],
        )
        self.archive, self.export = archive, export
        return export

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if not hasattr(self, "archive"):
            return response
        name = f"subject-access-{self.export.subject.username}-{timezone.localdate():%Y%m%d}.zip"
        download = HttpResponse(self.archive, content_type="application/zip")
        download["Content-Disposition"] = f'attachment; filename="{name}"'
        download["Cache-Control"] = "private, no-store"
        return download


class RetentionRuleCreateView(_PrivacyFormView):
    form_class = forms.RetentionRuleForm
    title = "Add a retention rule"
    success_message = "Retention rule saved."

    def perform(self, form: Any) -> Any:
        return services.retention_rule_save(actor=self.request.user, rule=form.instance)


class LegalHoldCreateView(_PrivacyFormView):
    form_class = forms.LegalHoldForm
    title = "Place a legal hold"
    success_message = "Legal hold placed: retention will not touch these records."

    def perform(self, form: Any) -> Any:
        return services.legal_hold_place(actor=self.request.user, hold=form.instance)


class SubjectAccessRequestCreateView(_PrivacyFormView):
    form_class = forms.SubjectAccessRequestForm
    title = "Record a subject access request"
    success_message = "Request recorded: answer within one calendar month."

    def perform(self, form: Any) -> Any:
        d = form.cleaned_data
        return subject_access.subject_access_request_record(
            actor=self.request.user,
            council=self.council,
            subject=d["subject"],
            reference=d["reference"],
            received_on=d["received_on"],
        )


class _SubjectAccessRequestView(_PrivacyFormView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.sar = get_object_or_404(SubjectAccessRequest, pk=kwargs["pk"], council__slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("council", None)
        return kwargs


class SubjectAccessExtendView(_SubjectAccessRequestView):
    form_class = forms.SubjectAccessExtendForm
    title = "Extend the deadline"
    success_message = "Extended by two months; the person has been told why."

    def perform(self, form: Any) -> Any:
        return subject_access.subject_access_request_extend(
            actor=self.request.user, sar=self.sar, reason=form.cleaned_data["reason"]
        )


class SubjectAccessReleaseView(PrivacyCouncilMixin, View):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        sar = get_object_or_404(SubjectAccessRequest, pk=pk, council=self.council)
        try:
            subject_access.subject_access_request_release(actor=request.user, sar=sar)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{sar.reference} recorded as released.")
        return redirect("privacy:dashboard", slug=self.council.slug)
