from __future__ import annotations

from typing import Any

from django import forms

from protocol_portal.core.forms import DateInput, GovFormMixin, limit_choices
from protocol_portal.core.retention import retention_choices
from roles.models import Council, Person

from .models import LegalHold, RetentionRule


class SubjectAccessForm(GovFormMixin, forms.Form):
    submit_label = "Download the export"
    subject = forms.ModelChoiceField(queryset=Person.objects.none(), label="Whose data")
    reason = forms.CharField(max_length=300, help_text="For example the request's reference and date received.")

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(appointments__office__council=council).distinct().order_by("last_name")
        limit_choices(self, "subject", people)


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
