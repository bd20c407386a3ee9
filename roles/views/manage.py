"""Council administrators keep the records: councils, offices, groups, wards, committees, people, appointments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from protocol_portal.core.views_mixins import ServiceFormView

from .. import forms, invitations, permissions, services
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
        with transaction.atomic():
            person = services.person_create(
                actor=self.request.user, reason=f"Person added by {self.council.name}", **form.cleaned_data
            )
            if person.email:
                invitations.invitation_send(
                    person=person, actor=self.request.user, council=self.council, reason="Invited when added"
                )
                self.success_message = (
                    f"{person} added and sent an invitation to set a password. You can now appoint them to an office."
                )
        return person

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
