from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from protocol_portal.core.forms import DateInput, GovFormMixin, ReasonField, limit_choices

from . import selectors
from .models import (
    Appointment,
    Committee,
    CommitteeMembership,
    Council,
    GroupMembership,
    InterestDeclaration,
    Office,
    Person,
    PoliticalGroup,
    RelationshipDeclaration,
    Ward,
    WardMembership,
)


class CouncilForm(GovFormMixin, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    change_reason = ReasonField()

    class Meta:
        model = Council
        fields = [
            "name",
            "slug",
            "code",
            "tier",
            "principal_council",
            "description",
            "protocol_contact",
            "contact_email",
            "contact_phone",
            "address",
            "website",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "principal_council", Council.objects.filter(tier__in=Council.PRINCIPAL_TIERS))


class OfficeForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = Office
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "reports_to",
            "management_level",
            "multiple_holders",
            "is_head_of_paid_service",
            "is_monitoring_officer",
            "is_chief_finance_officer",
            "is_proper_officer",
            "is_rfo",
            "is_administrator",
            "is_chair_of_council",
            "sort_order",
        ]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        limit_choices(self, "reports_to", Office.objects.filter(council=council).exclude(pk=self.instance.pk))


class PersonForm(GovFormMixin, forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    display_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False, help_text="Needed to sign in and receive notices.")
    username = forms.SlugField(max_length=150, help_text="Letters, numbers and hyphens. Used to sign in.")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if Person.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken.")
        return username


class AppointmentForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = Appointment
        fields = ["person", "office", "basis", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "office", Office.objects.filter(council=council))
        limit_choices(self, "person", Person.objects.filter(is_active=True).order_by("last_name", "first_name"))
        self.fields["start_date"].initial = timezone.localdate()


class EndForm(GovFormMixin, forms.Form):
    submit_label = "Confirm end date"
    end_date = forms.DateField(widget=DateInput())
    change_reason = forms.CharField(max_length=300, label="Reason", help_text="Recorded in the history.")

    def __init__(self, *args: Any, start_date: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_date = start_date
        self.fields["end_date"].initial = timezone.localdate()

    def clean_end_date(self) -> Any:
        end_date = self.cleaned_data["end_date"]
        if self.start_date and end_date < self.start_date:
            raise forms.ValidationError(
                f"The end date must be on or after the start date ({self.start_date:%d %B %Y})."
            )
        return end_date


class _CouncilScopedForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council


class PoliticalGroupForm(_CouncilScopedForm):
    class Meta:
        model = PoliticalGroup
        fields = ["name", "slug", "description"]


class WardForm(_CouncilScopedForm):
    class Meta:
        model = Ward
        fields = ["name", "slug", "seats"]


class CommitteeForm(_CouncilScopedForm):
    class Meta:
        model = Committee
        fields = ["name", "slug", "kind", "purpose"]


def _council_members(council: Council) -> Any:
    return selectors.council_people(council=council).order_by("last_name", "first_name")


class _MembershipForm(GovFormMixin, forms.ModelForm):
    parent_field = ""
    parent_model: Any = None

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, self.parent_field, self.parent_model.objects.filter(council=council))
        limit_choices(self, "person", _council_members(council))
        self.fields["start_date"].initial = timezone.localdate()


class GroupMembershipForm(_MembershipForm):
    parent_field, parent_model = "group", PoliticalGroup

    class Meta:
        model = GroupMembership
        fields = ["group", "person", "role", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class CommitteeMembershipForm(_MembershipForm):
    parent_field, parent_model = "committee", Committee

    class Meta:
        model = CommitteeMembership
        fields = ["committee", "person", "role", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class WardMembershipForm(_MembershipForm):
    parent_field, parent_model = "ward", Ward

    class Meta:
        model = WardMembership
        fields = ["ward", "person", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class RelationshipDeclarationForm(_CouncilScopedForm):
    class Meta:
        model = RelationshipDeclaration
        fields = ["member", "officer", "nature", "details", "start_date"]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        people = _council_members(council)
        limit_choices(self, "member", people.filter(appointments__office__kind=Office.Kind.MEMBER).distinct())
        limit_choices(self, "officer", people.filter(appointments__office__kind=Office.Kind.OFFICER).distinct())
        self.fields["start_date"].initial = timezone.localdate()


class InterestDeclarationForm(_CouncilScopedForm):
    class Meta:
        model = InterestDeclaration
        fields = ["member", "category", "description", "matters", "start_date", "arose_on", "sensitive", "acting_party"]
        widgets = {"start_date": DateInput(), "arose_on": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        members = _council_members(council).filter(appointments__office__kind=Office.Kind.MEMBER).distinct()
        limit_choices(self, "member", members)
        self.fields["start_date"].initial = timezone.localdate()
