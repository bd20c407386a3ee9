from __future__ import annotations

from typing import Any

from django import forms

from protocol_portal.core.forms import DateInput, GovFormMixin, limit_choices
from protocol_portal.core.retention import retention_choices
from roles.models import Council, Person

from .models import LegalHold, RetentionRule, SubjectAccessRequest


def _people_of(council: Council, user: Any) -> Any:
    # Nobody handles a request about themselves: they are not offered.
    return (
        Person.objects.filter(appointments__office__council=council)
        .exclude(pk__in=[user.pk] if getattr(user, "pk", None) else [])
        .distinct()
        .order_by("last_name")
    )


class SubjectAccessForm(GovFormMixin, forms.Form):
    submit_label = "Download the export"
    subject = forms.ModelChoiceField(queryset=Person.objects.none(), label="Whose data")
    request = forms.ModelChoiceField(
        queryset=SubjectAccessRequest.objects.none(),
        required=False,
        label="For the subject access request (recommended)",
    )
    reason = forms.CharField(max_length=300, help_text="For example the request's reference and date received.")

    def __init__(self, *args: Any, council: Council, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "subject", _people_of(council, user))
        limit_choices(
            self,
            "request",
            SubjectAccessRequest.objects.filter(council=council).exclude(state=SubjectAccessRequest.State.RELEASED),
        )


class SubjectAccessRequestForm(GovFormMixin, forms.Form):
    submit_label = "Record the request"
    subject = forms.ModelChoiceField(queryset=Person.objects.none(), label="Whose data")
    reference = forms.CharField(max_length=100, help_text="Your reference for the request.")
    received_on = forms.DateField(widget=DateInput(), label="Date received")

    def __init__(self, *args: Any, council: Council, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "subject", _people_of(council, user))


class SubjectAccessExtendForm(GovFormMixin, forms.Form):
    submit_label = "Extend by two months and tell the person"
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Why more time is needed")


class RetentionRuleForm(GovFormMixin, forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["record_type", "retain_days", "action", "active"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["record_type"] = forms.ChoiceField(choices=retention_choices(), label="Record type")


class LegalHoldForm(GovFormMixin, forms.ModelForm):
    submit_label = "Place the hold"

    class Meta:
        model = LegalHold
        fields = ["record_type", "object_id", "reason", "placed_on"]
        widgets = {"placed_on": DateInput()}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["record_type"] = forms.ChoiceField(choices=retention_choices(), label="Record type")
        self.fields["placed_on"].required = False
