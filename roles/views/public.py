"""Public pages: the home page, councils, offices and people."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from .. import permissions, selectors, services
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


class PersonDetailView(LoginRequiredMixin, TemplateView):
    template_name = "roles/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = get_object_or_404(permissions.people_visible_to(self.request.user), username=kwargs["username"])
        return {
            **super().get_context_data(**kwargs),
            "person": person,
            "appointments": person.appointments.select_related("office", "office__council").order_by("-start_date"),
        }


# --- Maintenance by the council's administrators ---------------------------------------------
