"""Complaint pages: thin views over the services, selectors and permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from protocol_portal.core.files import private_file_response
from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council
from roles.permissions import admin_council_ids, can_manage_council
from roles.selectors import appointments_current, person_holds_office_in

from .. import services
from ..filters import ComplaintFilter
from ..forms import ActionForm, AttachmentForm, ComplaintForm, RoutePreviewForm, TransitionForm
from ..models import Complaint, ComplaintAttachment
from ..permissions import (
    complaint_actor_roles,
    complaint_available_transitions,
    complaint_check,
    complaints_visible_to,
    sees_declarations,
)
from ..routing import route_as_data, stored_route_rows
from ..selectors import complaint_detail, complaint_list
from ..workflow import Actor


class ComplaintListView(LoginRequiredMixin, TemplateView):
    template_name = "complaints/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filterset = ComplaintFilter(
            self.request.GET or None, queryset=complaint_list(user=self.request.user), request=self.request
        )
        queryset = (
            filterset.qs if filterset.is_bound and filterset.is_valid() else complaint_list(user=self.request.user)
        )
        page = Paginator(queryset.order_by("-received_on", "-id"), 25).get_page(self.request.GET.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "title": "Complaints",
            "filter": filterset,
            "page": page,
            "complaints": page.object_list,
            "query": self.request.GET.copy(),
            "admin_councils": Council.objects.filter(pk__in=admin_council_ids(self.request.user)),
        }


class CouncilChooseView(LoginRequiredMixin, TemplateView):
    """Step 1 of logging: which council (your own councils, or those you administer)."""

    template_name = "complaints/choose_council.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        held = appointments_current().filter(person=user.pk).values("office__council_id")
        councils = Council.objects.filter(Q(pk__in=held) | Q(pk__in=admin_council_ids(user)))
        return {
            **super().get_context_data(**kwargs),
            "title": "Log a complaint",
            "councils": councils.order_by("name"),
        }


class _CouncilFormView(LoginRequiredMixin, ServiceFormView):
    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.council = get_object_or_404(Council.objects.select_related("principal_council"), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def may_act_for_others(self) -> bool:
        return can_manage_council(self.request.user, self.council)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council, "back_url": reverse("complaints:list")}


class ComplaintCreateView(_CouncilFormView):
    form_class = ComplaintForm
    title = "Log a complaint"
    success_message = "Complaint logged and routed."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        user = request.user
        if not (self.may_act_for_others() or person_holds_office_in(person=user, council=self.council)):  # type: ignore[arg-type]
            raise PermissionDenied("You hold no office in this council, so you cannot log a complaint here.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "council": self.council,
            "user": self.request.user,
            "may_log_for_others": self.may_act_for_others(),
        }

    def perform(self, form: Any) -> Complaint:
        data = form.cleaned_data
        return services.complaint_create(
            actor=self.request.user,
            council=self.council,
            complainant=data["complainant"],
            subject=data["subject"],
            summary=data["summary"],
            details=data["details"],
            expectation_ids=[c.pk for c in data["expectations"]],
            channel=data["channel"],
            received_on=data["received_on"],
            informal_first=data["informal_first"],
            uploads=data["attachments"],
        )

    def get_success_url(self) -> str:
        complaint = self.result
        if complaints_visible_to(self.request.user).filter(pk=complaint.pk).exists():
            return complaint.get_absolute_url()
        return reverse("complaints:list")


class RoutePreviewView(_CouncilFormView):
    """The dry run: who would handle a complaint by X about Y, and why. Writes nothing."""

    form_class = RoutePreviewForm
    template_name = "complaints/route_preview.html"
    title = "Who would handle a complaint?"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {
            **super().get_form_kwargs(),
            "council": self.council,
            "user": self.request.user,
            "may_preview_others": self.may_act_for_others(),
        }
        if self.request.GET.get("subject"):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if form.is_bound:
            return self.form_valid(form) if form.is_valid() else self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form))

    def perform(self, form: Any) -> Any:
        return services.complaint_route_preview(
            actor=self.request.user,
            council=self.council,
            complainant=form.cleaned_data["complainant"],
            subject=form.cleaned_data["subject"],
        )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            parties, route = self.perform(form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        full = sees_declarations(self.request.user, self.council)
        return self.render_to_response(
            self.get_context_data(form=form, parties=parties, route=route, rows=route_as_data(route, full=full))
        )


class _ComplaintMixin(LoginRequiredMixin):
    request: HttpRequest

    def complaint(self, pk: int) -> Complaint:
        complaint = complaints_visible_to(self.request.user).select_related("council", "chain").filter(pk=pk).first()
        if complaint is None:
            raise Http404("No such complaint.")  # never say whether it exists
        return complaint


class ComplaintDetailView(_ComplaintMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        complaint = complaint_detail(user=request.user, pk=pk)
        if complaint is None:
            raise Http404("No such complaint.")
        full = sees_declarations(request.user, complaint.council)
        roles = complaint_actor_roles(request.user, complaint)
        targets = complaint_available_transitions(request.user, complaint)
        rounds: dict[int, list[Any]] = {}
        for row in stored_route_rows(complaint.route.all(), full=full):
            rounds.setdefault(row["round"], []).append(row)
        return render(
            request,
            "complaints/detail.html",
            {
                "title": f"Complaint {complaint.reference}",
                "complaint": complaint,
                "council": complaint.council,
                "rounds": sorted(rounds.items()),
                "full_route": full,
                "events": complaint.events.all(),
                "attachments": complaint.attachments.all(),
                "transition_form": TransitionForm(targets=targets, initial={"expected_state": complaint.state})
                if targets
                else None,
                "action_form": ActionForm() if roles & {Actor.HANDLER, Actor.MONITORING_OFFICER} else None,
                "attachment_form": AttachmentForm() if roles or complaint.logged_by_id == request.user.pk else None,
            },
        )


class _ComplaintFormView(_ComplaintMixin, ServiceFormView):
    check = ""  # the complaint_check action the page needs, checked before any form is shown

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.complaint(kwargs["pk"])
        if self.check:
            complaint_check(request.user, self.check, self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "council": self.object.council,
            "back_url": self.object.get_absolute_url(),
        }

    def get_success_url(self) -> str:
        if complaints_visible_to(self.request.user).filter(pk=self.object.pk).exists():
            return self.object.get_absolute_url()
        return reverse("complaints:list")


class TransitionView(_ComplaintFormView):
    form_class = TransitionForm
    title = "Change the complaint's state"
    success_message = "Recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        if not complaint_actor_roles(self.request.user, self.object):
            raise PermissionDenied("You cannot change this complaint's state.")
        targets = complaint_available_transitions(self.request.user, self.object)
        return {**super().get_form_kwargs(), "targets": targets}

    def get_initial(self) -> dict[str, Any]:
        return {"expected_state": self.object.state}

    def perform(self, form: Any) -> Complaint:
        data = form.cleaned_data
        return services.complaint_transition(
            actor=self.request.user,
            complaint_id=self.object.pk,
            to=data["to"],
            reason=data["reason"],
            procedure=data["procedure"],
            formal_basis=data["formal_basis"],
            outcome=data["outcome"],
            expected_state=data["expected_state"],
        )


class ActionView(_ComplaintFormView):
    form_class = ActionForm
    title = "Record action taken or intended"
    success_message = "Action recorded; the complainant has been told."
    check = "record_action"

    def perform(self, form: Any) -> Any:
        return services.complaint_action_record(
            actor=self.request.user,
            complaint_id=self.object.pk,
            intended=form.cleaned_data["intended"],
            text=form.cleaned_data["text"],
        )


class AttachmentAddView(_ComplaintFormView):
    form_class = AttachmentForm
    title = "Add evidence"
    success_message = "Evidence added."
    check = "attach"

    def perform(self, form: Any) -> Any:
        return services.complaint_attachment_add(
            actor=self.request.user, complaint=self.object, upload=form.cleaned_data["file"]
        )


class AttachmentDownloadView(_ComplaintMixin, View):
    """Evidence is served only here, after the same visibility check as the complaint."""

    def get(self, request: HttpRequest, pk: int, attachment: int) -> HttpResponseBase:
        complaint = self.complaint(pk)
        item = get_object_or_404(ComplaintAttachment, complaint=complaint, pk=attachment)
        return private_file_response(
            item.file, filename=item.original_name, content_type=item.content_type, as_attachment=True
        )
