"""Requests: make one, see the recommendation, decide, refer, determine, accept the undertaking."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from protocol_portal.core.lists import table_or_csv
from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council, Office
from roles.permissions import admin_council_ids, monitoring_officer_council_ids
from roles.selectors import council_people, member_interests_current

from .. import forms, permissions, selectors, services
from ..filters import AccessRequestFilter
from ..models import AccessRequest, Grant, State
from ..rules import council_rules, recommended_decision
from ..services.workflow import is_overdue
from ..tables import AccessRequestTable


class RequestListView(LoginRequiredMixin, TemplateView):
    """The person's requests and those they decide, own or review: 25 a page, newest first."""

    template_name = "access_requests/request_list.html"
    paginate_by = 25

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        user = request.user
        visible = selectors.access_request_rows(user=user)
        filterset = AccessRequestFilter(request.GET or None, queryset=visible, request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
        table = AccessRequestTable(rows)
        export = table_or_csv(request, table, filename="information-requests")
        if export is not None:
            return export
        member_councils = Council.objects.filter(
            pk__in=permissions.office_council_ids(user) | admin_council_ids(user)
        ).order_by("name")
        context = self.get_context_data(
            table=table,
            filter=filterset,
            councils=member_councils.only("slug", "name"),
            is_mo=bool(monitoring_officer_council_ids(user)),
            title="Information requests",
        )
        return self.render_to_response(context)


class DisputeListView(LoginRequiredMixin, TemplateView):
    """The Monitoring Officer's review queue, oldest referral first, 20 a page."""

    template_name = "access_requests/dispute_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if not monitoring_officer_council_ids(self.request.user):
            raise PermissionDenied("The review queue is the Monitoring Officer's.")
        page = Paginator(selectors.disputes_for(user=self.request.user), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": self.request.GET.copy(),
            "disputes": list(page.object_list),
            "title": "Need-to-know disputes",
        }


class RequestCreateView(LoginRequiredMixin, ServiceFormView):
    form_class = forms.RequestForm
    template_name = "access_requests/request_form.html"
    title = "Ask for information"
    success_message = "Your request has been sent to the deciding officers."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        self.on_behalf = self.council.pk in admin_council_ids(request.user)
        if not self.on_behalf and self.council.pk not in permissions.office_council_ids(request.user):
            raise PermissionDenied("Only this council's councillors (or its clerk for them) make requests here.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        councillors = None
        if self.on_behalf:
            councillors = (
                council_people(council=self.council)
                .filter(appointments__office__kind=Office.Kind.MEMBER)
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        return {
            **super().get_form_kwargs(),
            "documents": selectors.documents_for(user=self.request.user, council_id=self.council.pk),
            "councillors": councillors,
        }

    def get_initial(self) -> dict[str, Any]:
        return {"document": self.request.GET.get("document") or None, "has_interest": "no"}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        requester = data.get("requester") or self.request.user  # type: ignore[assignment]
        return services.access_request_submit(
            actor=self.request.user,
            council=self.council,
            requester=requester,  # type: ignore[arg-type]
            document=data["document"],
            described_information=data["described_information"],
            basis=data["basis"],
            purpose=data["purpose"],
            has_interest=data["has_interest"] == "yes",
            interest_details=data["interest_details"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "council": self.council,
            "back_url": reverse("access_requests:request-list"),
        }

    def get_success_url(self) -> str:
        return reverse("access_requests:request-detail", args=[self.result.pk])


def visible_request(user: Any, pk: int) -> AccessRequest:
    return get_object_or_404(selectors.request_detail_queryset(user=user), pk=pk)


def _allowed(user: Any, action: str, access_request: AccessRequest) -> tuple[bool, str]:
    try:
        permissions.access_request_check(user, action, access_request)
    except PermissionDenied as exc:
        return False, str(exc)
    return True, ""


class RequestDetailView(LoginRequiredMixin, TemplateView):
    template_name = "access_requests/request_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        r = visible_request(user, kwargs["pk"])
        may_decide, _ = _allowed(user, "decide", r)
        may_refer, _ = _allowed(user, "refer", r)
        may_determine, why_not_determine = _allowed(user, "determine", r)
        may_revoke, _ = _allowed(user, "revoke_grant", r)
        is_mo = r.council_id in monitoring_officer_council_ids(user)
        staff_view = (
            may_decide or is_mo or (r.document is not None and permissions.document_has_full_access(user, r.document))
        )
        grant = Grant.objects.filter(request=r).first()
        return {
            **super().get_context_data(**kwargs),
            "r": r,
            "council": r.council,
            "grant": grant,
            "grant_live": grant is not None and permissions.grant_is_live(grant),
            "overdue": is_overdue(r),
            "may_decide": may_decide and r.state == State.SUBMITTED,
            "may_refer": may_refer and r.state in (State.SUBMITTED, State.REFUSED, State.PARTIAL),
            "may_determine": may_determine and r.state == State.REFERRED,
            "mo_conflict": why_not_determine if is_mo and r.state == State.REFERRED and not may_determine else "",
            "may_revoke_grant": may_revoke,
            "show_recommendation": permissions.recommendation_visible(user, r),
            "may_withdraw": r.state == State.SUBMITTED and user.pk in {r.requester_id, r.made_by_id},
            "is_requester": user.pk == r.requester_id,
            "registered_interests": list(member_interests_current(member=r.requester, council=r.council))
            if staff_view
            else [],
            "title": f"Request {r.reference}",
        }


class _RequestActionView(LoginRequiredMixin, ServiceFormView):
    action = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.access_request = visible_request(request.user, kwargs["pk"])
        permissions.access_request_check(request.user, self.action, self.access_request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "council": self.access_request.council,
            "r": self.access_request,
            "show_recommendation": permissions.recommendation_visible(self.request.user, self.access_request),
            "back_url": self.get_success_url(),
        }

    def get_success_url(self) -> str:
        return reverse("access_requests:request-detail", args=[self.access_request.pk])


class RequestDecideView(_RequestActionView):
    action = "decide"
    form_class = forms.DecideForm
    template_name = "access_requests/request_action.html"
    title = "Decide the request"
    success_message = "Decision recorded. The councillor has been told."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "rules": council_rules(council=self.access_request.council)}

    def get_initial(self) -> dict[str, Any]:
        return {"decision": recommended_decision(self.access_request.recommendation)}

    def perform(self, form: Any) -> Any:
        d = form.cleaned_data
        return services.access_request_decide(
            actor=self.request.user,
            access_request=self.access_request,
            decision=d["decision"],
            grounds=d["grounds"],
            reasons=d["reasons"],
            expires_on=d["expires_on"],
        )


class RequestReferView(_RequestActionView):
    action = "refer"
    form_class = forms.ReferForm
    template_name = "access_requests/request_action.html"
    title = "Refer to the Monitoring Officer"
    success_message = "Referred. The Monitoring Officer will determine it."

    def perform(self, form: Any) -> Any:
        return services.access_request_refer(
            actor=self.request.user, access_request=self.access_request, reason=form.cleaned_data["reason"]
        )


class RequestRevokeGrantView(_RequestActionView):
    action = "revoke_grant"
    form_class = forms.RevokeGrantForm
    template_name = "access_requests/request_action.html"
    title = "Revoke the grant"
    success_message = "Grant revoked. The councillor has been told."

    def perform(self, form: Any) -> Any:
        grant = get_object_or_404(Grant, request=self.access_request)
        return services.grant_revoke(actor=self.request.user, grant=grant, reason=form.cleaned_data["reason"])


class RequestDetermineView(_RequestActionView):
    action = "determine"
    form_class = forms.DetermineForm
    template_name = "access_requests/request_action.html"
    title = "Determine the dispute"
    success_message = "Determination recorded. It takes effect now; the councillor and the officer have been told."

    def perform(self, form: Any) -> Any:
        d = form.cleaned_data
        return services.access_request_determine(
            actor=self.request.user,
            access_request=self.access_request,
            decision=d["decision"],
            reasons=d["reasons"],
            expires_on=d["expires_on"],
            override_reason=d["override_reason"],
        )


class UndertakingView(_RequestActionView):
    action = "accept_undertaking"
    form_class = forms.UndertakingForm
    template_name = "access_requests/undertaking.html"
    title = "Before you open the document"
    success_message = "Undertaking accepted."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        grant = get_object_or_404(Grant, request=self.access_request)
        return {**super().get_context_data(**kwargs), "grant": grant}

    def perform(self, form: Any) -> Any:
        grant = get_object_or_404(Grant, request=self.access_request)
        return services.grant_accept_undertaking(actor=self.request.user, grant=grant)

    def get_success_url(self) -> str:
        if self.access_request.document_id:
            return reverse("access_requests:document-read", args=[self.access_request.document_id])
        return super().get_success_url()


class RequestWithdrawView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        access_request = visible_request(request.user, pk)
        try:
            services.access_request_withdraw(actor=request.user, access_request=access_request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:  # e.g. withdrawn already, in another tab
            if request.user.pk not in {access_request.requester_id, access_request.made_by_id}:
                raise
            messages.error(request, str(exc))
        else:
            messages.success(request, "Request withdrawn.")
        return redirect("access_requests:request-detail", pk=pk)
