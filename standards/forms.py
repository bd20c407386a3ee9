"""Forms for the standards pages: each one feeds a service, which does the checking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from protocol_portal.core.forms import DateInput, GovFormMixin
from roles.models import Committee, Council, Office, Person

from .workflow import Assessment, Finding, Sanction


class ConductComplaintForm(GovFormMixin, forms.Form):
    submit_label = "Send the complaint to the Monitoring Officer"

    subject = forms.ModelChoiceField(queryset=Person.objects.none(), label="The member you are complaining about")
    allegation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What did the member do?",
        help_text="What happened, when and where, and which part of the Code of Conduct you think it breaches.",
    )
    conduct_on = forms.DateField(
        widget=DateInput(),
        required=False,
        label="When did it happen?",
        help_text="Complaints are normally considered only about conduct in the last six months.",
    )
    complainant_may_be_named = forms.BooleanField(
        required=False,
        label="The member and the published decision notice may name me",
        help_text="If you leave this unticked, the member is not told who complained and a published decision "
        "does not name you.",
    )
    complainant_name = forms.CharField(
        required=False, max_length=200, label="Complainant's name (when logging a resident's complaint)"
    )
    complainant_email = forms.EmailField(required=False, label="Complainant's e-mail address")

    def __init__(self, *args: Any, council: Council, on_behalf: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Person.objects.filter(
            appointments__office__council=council, appointments__office__kind=Office.Kind.MEMBER
        ).distinct()
        self.fields["subject"].queryset = members  # type: ignore[attr-defined]
        if not on_behalf:
            del self.fields["complainant_name"]
            del self.fields["complainant_email"]


class AssessForm(GovFormMixin, forms.Form):
    submit_label = "Record the assessment"

    decision = forms.ChoiceField(choices=Assessment.choices, widget=forms.RadioSelect, label="Decision")
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="Sent to the complainant and the member."
    )


class IPViewForm(GovFormMixin, forms.Form):
    submit_label = "Record my view"

    view = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Your view as Independent Person")


class InvestigationForm(GovFormMixin, forms.Form):
    submit_label = "Save"

    investigator_name = forms.CharField(required=False, max_length=200, label="Investigator")
    report = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}), label="Investigation report")
    draft_sent = forms.BooleanField(required=False, label="Send the draft report to the complainant and the member")


class HearingForm(GovFormMixin, forms.Form):
    submit_label = "Refer to the hearing"

    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), label="Hearing committee or sub-committee")
    hearing_on = forms.DateField(widget=DateInput(), label="Hearing date")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why it goes to a hearing")

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(  # type: ignore[attr-defined]
            council=council, kind=Committee.Kind.STANDARDS
        )
        self.fields["hearing_on"].initial = timezone.localdate()


class DecideForm(GovFormMixin, forms.Form):
    submit_label = "Record the decision"

    finding = forms.ChoiceField(choices=Finding.choices, widget=forms.RadioSelect, label="Finding")
    sanctions = forms.MultipleChoiceField(
        choices=Sanction.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Sanctions"
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="Published in the decision notice.")


class ReasonForm(GovFormMixin, forms.Form):
    submit_label = "Confirm"

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Outcome (told to both)")


class ConsultIPForm(GovFormMixin, forms.Form):
    submit_label = "Ask to consult the Independent Person"

    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What you would like to discuss"
    )
