"""Forms for logging, moving and routing complaints, and for editing chains."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from protocol_portal.core.forms import DateInput, GovFormMixin, ReasonField, limit_choices
from roles.models import Committee, Council, Office, Person
from roles.selectors import council_people

from .models import ChainStep, Channel, ComplaintSettings, RoutingChain, StepNotice
from .selectors import clauses_offered
from .workflow import FormalBasis, Procedure, State


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.username})"


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        text = obj.text if len(obj.text) <= 140 else obj.text[:139] + "…"
        return f"{obj.number}: {text}"


def _people(council: Council) -> Any:
    return council_people(council=council).order_by("last_name", "first_name", "username")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(GovFormMixin, forms.Form):
    submit_label = "Log complaint"

    complainant = PersonChoiceField(queryset=Person.objects.none(), help_text="Who is making the complaint.")
    subject = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person complained about",
        help_text="A councillor or officer of this council.",
    )
    channel = forms.ChoiceField(choices=Channel.choices, label="How it was received")
    received_on = forms.DateField(widget=DateInput(), label="Date received")
    summary = forms.CharField(max_length=200)
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    expectations = ClauseChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Expectations not met",
        help_text="Clauses of the council's adopted protocol (optional).",
        widget=forms.CheckboxSelectMultiple,
    )
    informal_first = forms.BooleanField(
        required=False, initial=True, label="The complainant asks for informal resolution first"
    )
    attachments = MultipleFileField(required=False, label="Evidence (optional)", help_text="PDF, images or documents.")

    def __init__(self, *args: Any, council: Council, user: Any, may_log_for_others: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = _people(council)
        limit_choices(self, "subject", people)
        if may_log_for_others:
            limit_choices(self, "complainant", people)
        else:
            limit_choices(self, "complainant", Person.objects.filter(pk=user.pk))
            self.fields["complainant"].initial = user.pk
            channel_field = self.fields["channel"]
            assert isinstance(channel_field, forms.ChoiceField)
            channel_field.choices = [(Channel.ONLINE, Channel.ONLINE.label)]
        limit_choices(self, "expectations", clauses_offered(council=council))
        self.fields["received_on"].initial = timezone.localdate()


class RoutePreviewForm(GovFormMixin, forms.Form):
    submit_label = "Show the route"

    complainant = PersonChoiceField(queryset=Person.objects.none())
    subject = PersonChoiceField(queryset=Person.objects.none(), label="Person complained about")

    def __init__(self, *args: Any, council: Council, user: Any, may_preview_others: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = _people(council)
        limit_choices(self, "subject", people)
        limit_choices(self, "complainant", people if may_preview_others else Person.objects.filter(pk=user.pk))


class TransitionForm(GovFormMixin, forms.Form):
    submit_label = "Record"

    to = forms.ChoiceField(choices=State.choices, label="New state")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Reason")
    procedure = forms.ChoiceField(
        choices=[("", "Not applicable")] + list(Procedure.choices), required=False, label="Formal procedure (referral)"
    )
    formal_basis = forms.ChoiceField(
        choices=[("", "Not applicable")] + list(FormalBasis.choices),
        required=False,
        label="Moving from informal to formal (referral)",
    )
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Outcome (when resolving; shown to the complainant)",
    )
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, targets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_field = self.fields["to"]
        assert isinstance(to_field, forms.ChoiceField)
        if not self.is_bound:
            # Offer only what this person may do now; a posted state is judged by the service, as the API's is.
            to_field.choices = [(t, State(t).label) for t in targets]


class ActionForm(GovFormMixin, forms.Form):
    submit_label = "Record and tell the complainant"

    intended = forms.TypedChoiceField(
        choices=[("0", "Action taken"), ("1", "Action intended")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
        label="Kind",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What has been, or will be, done")


class AttachmentForm(GovFormMixin, forms.Form):
    submit_label = "Add evidence"

    file = forms.FileField(label="Evidence file")


class ChainForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = RoutingChain
        fields = ["name", "slug", "kind", "clause", "description", "procedures", "informal_first", "active"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council


class _TargetForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    def limit_to(self, council: Council) -> None:
        councils = [council.pk] + ([council.principal_council_id] if council.principal_council_id else [])
        limit_choices(self, "office", Office.objects.filter(council_id__in=councils).select_related("council"))
        limit_choices(self, "committee", Committee.objects.filter(council=council))


TARGET_FIELDS = ["label", "rule", "office", "level", "flag", "committee", "role"]


class StepForm(_TargetForm):
    class Meta:
        model = ChainStep
        fields = ["position", *TARGET_FIELDS]

    def __init__(self, *args: Any, chain: RoutingChain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.chain = chain
        self.limit_to(chain.council)


class StepNoticeForm(_TargetForm):
    class Meta:
        model = StepNotice
        fields = TARGET_FIELDS

    def __init__(self, *args: Any, step: ChainStep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.step = step
        self.limit_to(step.chain.council)


class SettingsForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = ComplaintSettings
        fields = ["acknowledge_within", "respond_within", "remind_before", "escalate_when_overdue"]
