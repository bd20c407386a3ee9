"""Council pages, and the clerk's maintenance of their own council's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from protocol_portal.core.views_mixins import ServiceFormView

from . import forms, permissions, selectors, services
from .models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    InterestDeclaration,
    Office,
    PoliticalGroup,
    RelationshipDeclaration,
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


class CouncilManageMixin(LoginRequiredMixin):
    """Loads the council from the URL and requires the user to administer it."""

    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        self.manage_check(request.user, self.council)
        return super().dispatch(request, *args, **kwargs)

    def manage_check(self, user: Any, council: Council) -> None:
        permissions.council_manage_check(user, council)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "council": self.council}  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council, "back_url": self.get_success_url()}  # type: ignore[misc]

    def get_success_url(self) -> str:
        return reverse("roles:council-detail", args=[self.council.slug])

    def reason(self, form: Any, default: str) -> str:
        return form.cleaned_data.get("change_reason") or default


class CouncilCreateView(LoginRequiredMixin, ServiceFormView):
    """Portal operators add a council; its clerk then configures it (no code change)."""

    form_class = forms.CouncilForm
    title = "Add a council"
    success_message = "Council added. Now add its offices and appoint its clerk."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not request.user.is_superuser:
            raise PermissionDenied("Only portal administrators can add councils.")
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: Any) -> Any:
        return services.record_save(
            actor=self.request.user,
            record=form.instance,
            reason=form.cleaned_data.get("change_reason") or "Council added",
        )

    def get_success_url(self) -> str:
        return reverse("roles:council-detail", args=[self.result.slug])


class CouncilEditView(CouncilManageMixin, ServiceFormView):
    form_class = forms.CouncilForm
    title = "Edit council details"
    success_message = "Council details saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("council")
        return {**kwargs, "instance": self.council}

    def perform(self, form: Any) -> Any:
        return services.record_save(
            actor=self.request.user, record=form.instance, reason=self.reason(form, "Council details edited")
        )


class _RecordFormView(CouncilManageMixin, ServiceFormView):
    """Create or edit one council-scoped record through ``services.record_save``."""

    model: Any = None
    lookup_kwarg = ""
    create_reason = ""
    edit_reason = ""

    def get_instance(self) -> Any:
        if not self.lookup_kwarg:
            return None
        return get_object_or_404(self.model, council=self.council, slug=self.kwargs[self.lookup_kwarg])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.get_instance()}

    def perform(self, form: Any) -> Any:
        default = self.edit_reason if self.lookup_kwarg else self.create_reason
        return services.record_save(actor=self.request.user, record=form.instance, reason=self.reason(form, default))


class OfficeCreateView(_RecordFormView):
    form_class, model = forms.OfficeForm, Office
    title, success_message = "Add an office", "Office added."
    create_reason = "Office added"


class OfficeEditView(_RecordFormView):
    form_class, model, lookup_kwarg = forms.OfficeForm, Office, "office"
    title, success_message = "Edit office", "Office saved."
    edit_reason = "Office edited"


class GroupCreateView(_RecordFormView):
    form_class, model = forms.PoliticalGroupForm, PoliticalGroup
    title, success_message, create_reason = "Add a political group", "Political group added.", "Political group added"


class GroupEditView(_RecordFormView):
    form_class, model, lookup_kwarg = forms.PoliticalGroupForm, PoliticalGroup, "item"
    title, success_message, edit_reason = "Edit political group", "Political group saved.", "Political group edited"


class WardCreateView(_RecordFormView):
    form_class, model = forms.WardForm, Ward
    title, success_message, create_reason = "Add a ward", "Ward added.", "Ward added"


class WardEditView(_RecordFormView):
    form_class, model, lookup_kwarg = forms.WardForm, Ward, "item"
    title, success_message, edit_reason = "Edit ward", "Ward saved.", "Ward edited"


class CommitteeCreateView(_RecordFormView):
    form_class, model = forms.CommitteeForm, Committee
    title, success_message, create_reason = "Add a committee", "Committee added.", "Committee added"


class CommitteeEditView(_RecordFormView):
    form_class, model, lookup_kwarg = forms.CommitteeForm, Committee, "item"
    title, success_message, edit_reason = "Edit committee", "Committee saved.", "Committee edited"


class PersonCreateView(CouncilManageMixin, ServiceFormView):
    form_class = forms.PersonForm
    title = "Add a person"
    success_message = "Person added. You can now appoint them to an office."

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("council")
        return kwargs

    def perform(self, form: Any) -> Any:
        return services.person_create(
            actor=self.request.user, reason=f"Person added by {self.council.name}", **form.cleaned_data
        )

    def get_success_url(self) -> str:
        return reverse("roles:appointment-create", args=[self.council.slug])


class AppointmentCreateView(CouncilManageMixin, ServiceFormView):
    form_class = forms.AppointmentForm
    title = "Appoint someone to an office"
    success_message = "Appointment recorded."

    def get_initial(self) -> dict[str, Any]:
        office = Office.objects.filter(council=self.council, slug=self.request.GET.get("office", "")).first()
        return {"office": office} if office else {}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.appointment_create(
            actor=self.request.user,
            person=data["person"],
            office=data["office"],
            basis=data["basis"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            note=data["note"],
            reason=self.reason(form, "Appointed to office"),
        )


class _EndView(CouncilManageMixin, ServiceFormView):
    """End an appointment, membership or declaration on a date, with a reason."""

    form_class = forms.EndForm
    title = "End"

    def get_record(self) -> Any:
        raise NotImplementedError  # each subclass scopes its record to the council

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("council")
        self.record = self.get_record()
        return {**kwargs, "start_date": self.record.start_date}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "record": self.record, "title": f"End: {self.record}"}


class AppointmentEndView(_EndView):
    success_message = "Appointment ended."

    def get_record(self) -> Any:
        return get_object_or_404(
            Appointment.objects.select_related("person", "office"), pk=self.kwargs["pk"], office__council=self.council
        )

    def perform(self, form: Any) -> Any:
        return services.appointment_end(
            actor=self.request.user,
            appointment=self.record,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["change_reason"],
        )


MEMBERSHIPS: dict[str, tuple[Any, Any, Callable[..., Any], str]] = {
    "group": (GroupMembership, forms.GroupMembershipForm, services.group_membership_save, "group__council"),
    "committee": (
        CommitteeMembership,
        forms.CommitteeMembershipForm,
        services.committee_membership_save,
        "committee__council",
    ),
    "ward": (WardMembership, forms.WardMembershipForm, services.ward_membership_save, "ward__council"),
}


class MembershipCreateView(CouncilManageMixin, ServiceFormView):
    success_message = "Membership recorded."
    save_service: Callable[..., Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if kwargs["kind"] not in MEMBERSHIPS:
            raise Http404
        self.model, self.form_class, self.save_service, _ = MEMBERSHIPS[kwargs["kind"]]
        self.title = f"Add a {kwargs['kind']} membership"
        return super().dispatch(request, *args, **kwargs)

    def manage_check(self, user: Any, council: Council) -> None:
        if self.kwargs["kind"] == "interest":  # the Monitoring Officer keeps the register of interests too
            permissions.interest_register_check(user, council)
        else:
            super().manage_check(user, council)

    def perform(self, form: Any) -> Any:
        return self.save_service(
            actor=self.request.user, membership=form.instance, reason=self.reason(form, "Membership recorded")
        )


class MembershipEndView(_EndView):
    success_message = "Membership ended."

    def get_record(self) -> Any:
        if self.kwargs["kind"] not in MEMBERSHIPS:
            raise Http404
        model, _, _, council_path = MEMBERSHIPS[self.kwargs["kind"]]
        return get_object_or_404(model, pk=self.kwargs["pk"], **{council_path: self.council})

    def perform(self, form: Any) -> Any:
        return services.membership_end(
            actor=self.request.user,
            membership=self.record,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["change_reason"],
        )


class DeclarationListView(LoginRequiredMixin, TemplateView):
    """Declarations of one council that the user may see (their own, or all if they administer it)."""

    template_name = "roles/declaration_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = get_object_or_404(Council, slug=kwargs["slug"])
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "council": council,
            "can_manage": permissions.can_manage_council(user, council),
            "can_keep_interests": permissions.can_keep_interest_register(user, council),
            "relationships": permissions.relationship_declarations_visible_to(user)
            .filter(council=council)
            .select_related("member", "officer"),
            "interests": permissions.interest_declarations_visible_to(user)
            .filter(council=council)
            .select_related("member"),
        }


DECLARATIONS: dict[str, tuple[Any, Any, Callable[..., Any]]] = {
    "relationship": (RelationshipDeclaration, forms.RelationshipDeclarationForm, services.relationship_declare),
    "interest": (InterestDeclaration, forms.InterestDeclarationForm, services.interest_register),
}


class DeclarationCreateView(CouncilManageMixin, ServiceFormView):
    success_message = "Declaration recorded."
    save_service: Callable[..., Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if kwargs["kind"] not in DECLARATIONS:
            raise Http404
        _, self.form_class, self.save_service = DECLARATIONS[kwargs["kind"]]
        self.title = (
            "Record a close personal relationship" if kwargs["kind"] == "relationship" else "Register an interest"
        )
        return super().dispatch(request, *args, **kwargs)

    def manage_check(self, user: Any, council: Council) -> None:
        if self.kwargs["kind"] == "interest":  # the Monitoring Officer keeps the register of interests too
            permissions.interest_register_check(user, council)
        else:
            super().manage_check(user, council)

    def perform(self, form: Any) -> Any:
        return self.save_service(
            actor=self.request.user, declaration=form.instance, reason=self.reason(form, "Declaration recorded")
        )

    def get_success_url(self) -> str:
        return reverse("roles:declaration-list", args=[self.council.slug])


class DeclarationEndView(_EndView):
    success_message = "Declaration ended."

    def manage_check(self, user: Any, council: Council) -> None:
        if self.kwargs["kind"] == "interest":
            permissions.interest_register_check(user, council)
        else:
            super().manage_check(user, council)

    def get_record(self) -> Any:
        if self.kwargs["kind"] not in DECLARATIONS:
            raise Http404
        model = DECLARATIONS[self.kwargs["kind"]][0]
        return get_object_or_404(model, pk=self.kwargs["pk"], council=self.council)

    def perform(self, form: Any) -> Any:
        return services.declaration_end(
            actor=self.request.user,
            declaration=self.record,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["change_reason"],
        )

    def get_success_url(self) -> str:
        return reverse("roles:declaration-list", args=[self.council.slug])


class PeopleSearchView(LoginRequiredMixin, ListView):
    template_name = "roles/people_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = permissions.people_visible_to(self.request.user).filter(is_active=True)
        term = self.request.GET.get("q", "").strip()
        if term:
            from django.db.models import Q

            qs = qs.filter(
                Q(username__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(display_name__icontains=term)
            )
        return qs.order_by("last_name", "first_name")
