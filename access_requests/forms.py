"""Forms: they collect input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from protocol_portal.core.forms import DateInput, GovFormMixin, ReasonField
from roles.models import Committee, Council, Office, Person

from .models import (
    REFUSAL_GROUNDS,
    AccessPolicy,
    AccessRule,
    AgendaItem,
    Basis,
    Category,
    Classification,
    Decision,
    Document,
    Meeting,
)
from .rules import CouncilRules

YES_NO = [("no", "No"), ("yes", "Yes")]


class RequestForm(GovFormMixin, forms.Form):
    submit_label = "Send request"

    requester = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Councillor making the request",
        help_text="You are entering this request on a councillor's behalf.",
    )
    document = forms.ModelChoiceField(
        queryset=Document.objects.none(),
        required=False,
        label="Document",
        help_text="Choose a document from the register, or describe the information below.",
    )
    described_information = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Or describe the information you need"
    )
    basis = forms.ChoiceField(choices=Basis.choices, widget=forms.RadioSelect, label="Basis of the request")
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Purpose",
        help_text="What you need it for in your role as a councillor. Required.",
    )
    has_interest = forms.ChoiceField(
        choices=YES_NO, widget=forms.RadioSelect, initial="no", label="Do you have an interest to declare?"
    )
    interest_details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="If yes, what is your interest?"
    )

    def __init__(self, *args: Any, documents: Any, councillors: Any | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        if councillors is None:
            del self.fields["requester"]
        else:
            self.fields["requester"].queryset = councillors  # type: ignore[attr-defined]
            self.fields["requester"].required = True


class DecideForm(GovFormMixin, forms.Form):
    submit_label = "Record decision"

    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    grounds = forms.MultipleChoiceField(
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Grounds for refusing (clauses of the protocol)",
        help_text="Required when refusing.",
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Reasons")
    expires_on = forms.DateField(
        required=False,
        widget=DateInput(),
        label="Grant ends on (optional)",
        help_text="After this day the councillor can no longer open the document.",
    )

    def __init__(self, *args: Any, rules: CouncilRules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for kind in REFUSAL_GROUNDS:
            if rules.has(kind):
                reason = rules.reason(kind, "refuse", "")
                label = reason.as_dict()["label"]
                choices.append((kind, f"{label} ({reason.clause})" if reason.clause else label))
        self.fields["grounds"].choices = choices  # type: ignore[attr-defined]


class DetermineForm(GovFormMixin, forms.Form):
    submit_label = "Record determination"

    decision = forms.ChoiceField(
        choices=[(d.value, d.label) for d in (Decision.GRANT_INSPECT, Decision.GRANT_COPY, Decision.REFUSE)],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Reasons")
    expires_on = forms.DateField(required=False, widget=DateInput(), label="Grant ends on (optional)")
    override_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason for overriding a council rule (only if your determination overrides one)",
        help_text="Needed where the council's rules forbid the decision but let the Monitoring Officer override "
        "them (copies of a restricted category, a pecuniary interest under a dispensation). It is recorded.",
    )


class ReferForm(GovFormMixin, forms.Form):
    submit_label = "Refer to the Monitoring Officer"

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Why should the Monitoring Officer review this?"
    )


class RevokeGrantForm(GovFormMixin, forms.Form):
    submit_label = "Revoke the grant"

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Why is the grant being revoked?",
        help_text="The councillor is told this reason; it is kept in the grant's history.",
    )


class UndertakingForm(GovFormMixin, forms.Form):
    submit_label = "Accept and continue"

    accept = forms.BooleanField(label="I accept this undertaking", required=True)


class DocumentForm(GovFormMixin, forms.Form):
    submit_label = "Add document"

    title = forms.CharField(max_length=200)
    classification = forms.ChoiceField(choices=Classification.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(choices=Category.choices)
    owner_office = forms.ModelChoiceField(queryset=Office.objects.none(), label="Owner office")
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False)
    agenda_item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), required=False, label="Agenda item")
    matters = forms.CharField(
        max_length=300,
        required=False,
        label="Matters (comma-separated)",
        help_text="Used to flag registered interests, e.g. 'mill road, planning'.",
    )
    file = forms.FileField()

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_office"].queryset = Office.objects.filter(council=council, kind=Office.Kind.OFFICER)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = Meeting.objects.filter(council=council)  # type: ignore[attr-defined]
        items = AgendaItem.objects.filter(meeting__council=council).select_related("meeting")
        self.fields["agenda_item"].queryset = items  # type: ignore[attr-defined]


class MeetingForm(GovFormMixin, forms.ModelForm):
    submit_label = "Add meeting"

    class Meta:
        model = Meeting
        fields = ["title", "date", "committee"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["committee"].queryset = Committee.objects.filter(council=council)  # type: ignore[attr-defined]


class AgendaItemForm(GovFormMixin, forms.ModelForm):
    submit_label = "Add agenda item"

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "part"]
        widgets = {"part": forms.RadioSelect}


class AccessRuleForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = AccessRule
        fields = ["enabled", "clause_number", "categories", "note"]


class AccessPolicyForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = AccessPolicy
        fields = ["decision_working_days", "reminder_working_days", "decider_levels", "undertaking_text"]
