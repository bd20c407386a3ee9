"""Complaint pages: thin views over the services, selectors and permissions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from protocol_portal.core.files import private_file_response
from protocol_portal.core.lists import table_or_csv
from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council
from roles.permissions import admin_council_ids, can_manage_council
from roles.selectors import appointments_current, person_holds_office_in

from .. import services
from ..filters import ComplaintFilter
from ..forms import (
    ActionForm,
    AttachmentForm,
    ComplaintForm,
    ConsentAskForm,
    EscalateForm,
    ExtendForm,
    RespondForm,
    RoutePreviewForm,
    ScheduleForm,
    SubjectReplyForm,
    TransitionForm,
)
from ..models import Complaint, ComplaintAttachment, ConsentRequest, SubjectComment
from ..permissions import (
    complaint_actor_roles,
    complaint_available_transitions,
    complaint_check,
    complaint_stage_check,
    complaints_visible_to,
    sees_declarations,
)
from ..routing import route_as_data, stored_route_rows
from ..selectors import complaint_detail, complaint_list_rows, complaint_stages_for
from ..services.bodies import complaint_decided_by_body, complaint_schedule_at_meeting
from ..services.consent import consent_answer, consent_request
from ..services.outsiders import Outsider
from ..services.subject import subject_comment_for, subject_reply
from ..tables import ComplaintTable
from ..workflow import OPEN_STATES, Actor, stage_answered_or_overdue


class ComplaintListView(LoginRequiredMixin, TemplateView):
    template_name = "complaints/list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        visible = complaint_list_rows(user=request.user)
        filterset = ComplaintFilter(request.GET or None, queryset=visible, request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
        table = ComplaintTable(rows)
        export = table_or_csv(request, table, filename="complaints")
        if export is not None:
            return export
        context = self.get_context_data(
            title="Complaints",
            filter=filterset,
            table=table,
            complaints=[row.record for row in table.page.object_list],
            **self.routing_links(),
        )
        return self.render_to_response(context)

    def routing_links(self) -> dict[str, Any]:
        """A button per administered council, or (a portal administrator's thousand) one link to the councils."""
        ids = admin_council_ids(self.request.user)
        if len(ids) > ROUTING_BUTTONS_MAX:
            return {"admin_councils": [], "administers_many": True}
        return {"admin_councils": Council.objects.filter(pk__in=ids).only("slug", "name").order_by("name")}


ROUTING_BUTTONS_MAX = 10


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
        outsider = None
        if data.get("complainant_name") or data.get("complainant_email"):
            outsider = Outsider(
                name=data["complainant_name"], email=data["complainant_email"], phone=data["complainant_phone"]
            )
        return services.complaint_create(
            actor=self.request.user,
            council=self.council,
            complainant=data["complainant"],
            outsider=outsider,
            addressed_to=data.get("addressed_to") or "",
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
                **stage_context(request.user, complaint, roles),
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


def stage_context(user: Any, complaint: Complaint, roles: set[str]) -> dict[str, Any]:
    """The stage panel: responses, extensions, remedies, and the forms this person may use now."""
    stages = complaint_stages_for(council=complaint.council)
    has_next = any(s.number > complaint.stage for s in stages)
    current = next((s for s in stages if s.number == complaint.stage), None)
    may_escalate = (
        has_next
        and bool(roles & {Actor.COMPLAINANT, Actor.LOGGED_BY, Actor.ADMINISTRATOR})
        and stage_answered_or_overdue(complaint, {}) is None
    )
    is_open = complaint.state in OPEN_STATES
    by_body = complaint_decided_by_body(complaint)
    may_record = roles & ({Actor.HANDLER, Actor.ADMINISTRATOR} if by_body else {Actor.HANDLER})
    return {
        "by_body": by_body,
        "schedule_form": ScheduleForm(prefix="schedule", meetings=schedulable_meetings(complaint))
        if by_body and is_open and complaint.meeting_id is None and roles & {Actor.HANDLER, Actor.ADMINISTRATOR}
        else None,
        "stage": current,
        "stage_count": len(stages),
        "responses": complaint.responses.select_related("handler").all(),
        "extensions": complaint.extensions.all(),
        "remedy_actions": complaint.remedy_actions.all(),
        "subject_comment": SubjectComment.objects.filter(complaint=complaint).first(),
        "consent_requests": complaint.consent_requests.all(),
        "consent_form": ConsentAskForm(prefix="consent")
        if complaint.state in OPEN_STATES and roles & {Actor.HANDLER, Actor.ADMINISTRATOR}
        else None,
        "respond_form": RespondForm(prefix="respond", initial={"expected_state": complaint.state})
        if is_open and may_record and (not by_body or complaint.meeting_id)
        else None,
        "escalate_form": EscalateForm(prefix="escalate") if may_escalate else None,
        "extend_form": ExtendForm(prefix="extend")
        if is_open and roles & {Actor.HANDLER, Actor.ADMINISTRATOR}
        else None,
        "may_mark_done": bool(roles & {Actor.HANDLER, Actor.ADMINISTRATOR}),
    }


class _StageFormView(_ComplaintFormView):
    stage_action = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            complaint_stage_check(request.user, self.stage_action, self.complaint(kwargs["pk"]))
        return super().dispatch(request, *args, **kwargs)


class RespondView(_StageFormView):
    prefix = "respond"  # several stage forms share the complaint page: distinct field ids
    form_class = RespondForm
    title = "Respond to the complaint"
    success_message = "Response sent; the complainant has been told the finding and the next route."
    stage_action = "respond"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.complaint_respond(
            actor=self.request.user,
            complaint_id=self.object.pk,
            finding=data["finding"],
            response=data["response"],
            remedy=data["remedy"],
            actions=data["actions"].splitlines(),
            next_route=data["next_route"],
            expected_state=data["expected_state"],
        )


class EscalateView(_StageFormView):
    prefix = "escalate"  # several stage forms share the complaint page: distinct field ids
    form_class = EscalateForm
    title = "Escalate to the next stage"
    success_message = "Escalated; the next stage's handler has been told."
    stage_action = "escalate"

    def perform(self, form: Any) -> Any:
        return services.complaint_escalate_stage(
            actor=self.request.user, complaint_id=self.object.pk, reason=form.cleaned_data["reason"]
        )


class ExtendView(_StageFormView):
    prefix = "extend"  # several stage forms share the complaint page: distinct field ids
    form_class = ExtendForm
    title = "Extend the response date"
    success_message = "Extended; the complainant has been told the new date and why."
    stage_action = "extend"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.complaint_extend(
            actor=self.request.user,
            complaint_id=self.object.pk,
            working_days=data["working_days"],
            reason=data["reason"],
            exceptional_reason=data["exceptional_reason"],
        )


class RemedyDoneView(_ComplaintMixin, View):
    def post(self, request: HttpRequest, pk: int, action: int) -> HttpResponse:
        complaint = self.complaint(pk)
        if not complaint.remedy_actions.filter(pk=action).exists():
            raise Http404("No such action.")
        try:
            services.remedy_action_done(actor=request.user, action_id=action)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Marked done; the complainant has been told.")
        return redirect(complaint.get_absolute_url())


class SubjectReplyView(LoginRequiredMixin, View):
    """The person complained about reads the allegation (not the evidence) and replies once."""

    def _invitation(self, request: HttpRequest, pk: int) -> Any:
        try:
            return subject_comment_for(user=request.user, complaint_id=pk)
        except PermissionDenied:
            raise Http404("No such invitation.") from None

    def _render(self, request: HttpRequest, invitation: Any, form: SubjectReplyForm) -> HttpResponse:
        return render(
            request,
            "complaints/subject_reply.html",
            {
                "title": "A complaint about you",
                "invitation": invitation,
                "complaint": invitation.complaint,
                "form": form if not invitation.replied else None,
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._invitation(request, pk), SubjectReplyForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        invitation = self._invitation(request, pk)
        form = SubjectReplyForm(request.POST)
        if form.is_valid():
            try:
                subject_reply(actor=request.user, complaint_id=pk, reply=form.cleaned_data["reply"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Your reply has been sent to the person handling the complaint.")
                return redirect(request.path)
        return self._render(request, invitation, form)


class ConsentAskView(_StageFormView):
    prefix = "consent"  # several stage forms share the complaint page: distinct field ids
    form_class = ConsentAskForm
    title = "Ask the complainant's consent"
    success_message = "Asked; the complainant's notice carries a confirm link."
    stage_action = "extend"

    def perform(self, form: Any) -> Any:
        return consent_request(
            actor=self.request.user, complaint_id=self.object.pk, purpose=form.cleaned_data["purpose"]
        )


class ConsentAnswerView(View):
    """The complainant's confirm link: opened by its token alone (a resident has no login)."""

    def _request(self, token: str) -> Any:
        found = ConsentRequest.objects.select_related("complaint", "complaint__council").filter(token=token).first()
        if found is None:
            raise Http404("This link is not valid.")
        return found

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return render(request, "complaints/consent.html", {"title": "Your consent", "consent": self._request(token)})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        self._request(token)
        try:
            consent_answer(token=token, consented=request.POST.get("answer") == "yes")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Thank you: your answer has been recorded and the handler told.")
        return redirect(request.path)


def schedulable_meetings(complaint: Complaint) -> Any:
    from access_requests.models import Meeting
    from protocol_portal.core.workdays import today

    step = complaint.current_step
    return Meeting.objects.filter(council_id=complaint.council_id, date__gte=today()).filter(
        Q(committee__isnull=True) | Q(committee_id=step.committee_id if step else None)
    )


class ScheduleView(_StageFormView):
    prefix = "schedule"  # several stage forms share the complaint page: distinct field ids
    form_class = ScheduleForm
    title = "Place the complaint on a meeting's agenda"
    success_message = "Placed in the closed part of the agenda; the complainant has been told the date."
    stage_action = "extend"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meetings": schedulable_meetings(self.object)}

    def perform(self, form: Any) -> Any:
        return complaint_schedule_at_meeting(
            actor=self.request.user, complaint_id=self.object.pk, meeting_id=form.cleaned_data["meeting"].pk
        )
