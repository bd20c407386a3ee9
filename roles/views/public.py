"""Public pages: the home page, councils, offices and people, and invitations to set a password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from protocol_portal.core import worklist
from protocol_portal.core.workdays import today

from .. import invitations, permissions, selectors, services
from ..models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    Office,
    PoliticalGroup,
    Ward,
    WardMembership,
)


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"councils": Council.objects.order_by("name")}
    if request.user.is_authenticated:
        appointments = selectors.person_current_appointments(person=request.user).order_by(  # type: ignore[arg-type]
            "office__council__name", "office__sort_order"
        )
        by_council: dict[Council, list[Appointment]] = {}
        for appointment in appointments:
            by_council.setdefault(appointment.office.council, []).append(appointment)
        context["my_councils"] = by_council
        queues = worklist.work_for(request.user)
        context["work"] = [q for q in queues if not q.own]
        context["own_work"] = [q for q in queues if q.own]
        context["charts"] = [mark_safe(chart) for chart in worklist.charts_for(request.user)]  # noqa: S308 (rendered templates)
        context["today"] = today()
        context["admin_councils"] = Council.objects.filter(pk__in=permissions.admin_council_ids(request.user))
    return render(request, "roles/home.html", context)


class CouncilListView(ListView):
    template_name = "roles/council_list.html"
    context_object_name = "councils"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Council.objects.select_related("principal_council").order_by("name")


class CouncilDetailView(DetailView):
    template_name = "roles/council_detail.html"
    context_object_name = "council"
    slug_url_kwarg = "slug"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Council.objects.select_related("principal_council")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = self.object
        context = super().get_context_data(**kwargs)
        offices = list(selectors.council_offices_with_holders(council=council))
        context.update(
            offices=offices,
            member_offices=[o for o in offices if o.kind == Office.Kind.MEMBER],
            officer_offices=[o for o in offices if o.kind == Office.Kind.OFFICER],
            vacancies=[o for o in offices if not o.current_appointments],  # type: ignore[attr-defined]
            groups=PoliticalGroup.objects.filter(council=council).prefetch_related(
                Prefetch("memberships", GroupMembership.objects.current().select_related("person"), to_attr="current")
            ),
            wards=Ward.objects.filter(council=council).prefetch_related(
                Prefetch("memberships", WardMembership.objects.current().select_related("person"), to_attr="current")
            ),
            committees=Committee.objects.filter(council=council).prefetch_related(
                Prefetch(
                    "memberships", CommitteeMembership.objects.current().select_related("person"), to_attr="current"
                )
            ),
            local_councils=council.local_councils.all(),
            can_manage=permissions.can_manage_council(self.request.user, council),
            can_handle_privacy=council.pk
            in (
                permissions.admin_council_ids(self.request.user)
                | permissions.monitoring_officer_council_ids(self.request.user)
            ),
            monitoring_officer_offices=selectors.council_monitoring_officer_offices(council=council),
        )
        return context


class OfficeDetailView(TemplateView):
    template_name = "roles/office_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        office = get_object_or_404(
            Office.objects.select_related("council", "reports_to"), council__slug=kwargs["slug"], slug=kwargs["office"]
        )
        return {
            **super().get_context_data(**kwargs),
            "office": office,
            "council": office.council,
            "appointments": office.appointments.select_related("person").order_by("-start_date"),
            "direct_reports": office.direct_reports.all(),
            "line_above": selectors.office_line_above(office=office),
            "can_manage": permissions.can_manage_council(self.request.user, office.council),
        }


class SignOutEverywhereView(LoginRequiredMixin, View):
    """End this person's sessions on every device and revoke their API tokens."""

    def post(self, request: HttpRequest) -> HttpResponse:
        services.person_sign_out_everywhere(person=request.user)  # type: ignore[arg-type]
        logout(request)
        messages.success(request, "You have been signed out on every device.")
        return redirect("login")


class PersonInviteView(LoginRequiredMixin, View):
    """Send (again) the invitation to set a password."""

    def post(self, request: HttpRequest, username: str) -> HttpResponse:
        person = get_object_or_404(permissions.people_visible_to(request.user), username=username)
        council = permissions.person_invite_check(request.user, person)
        try:
            invitations.invitation_send(person=person, actor=request.user, council=council, reason="Invitation resent")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Invitation sent to {person.email}.")
        return redirect("roles:person-detail", username=person.username)


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password, then you are signed in."""

    template_name = "registration/invitation_accept.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            invitations.invitation_accepted(person=form.user)
        messages.success(self.request, "Your password is set and you are signed in.")
        return response


class PersonDetailView(LoginRequiredMixin, TemplateView):
    template_name = "roles/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = get_object_or_404(permissions.people_visible_to(self.request.user), username=kwargs["username"])
        invite_councils = permissions.person_invite_councils(self.request.user, person)
        return {
            **super().get_context_data(**kwargs),
            "person": person,
            "may_invite": bool(invite_councils) and not person.has_usable_password() and bool(person.email),
            "invitation": invitations.person_latest_invitation(person=person) if invite_councils else None,
            "appointments": person.appointments.select_related("office", "office__council").order_by("-start_date"),
        }
