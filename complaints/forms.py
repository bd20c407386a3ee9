"""Forms for logging, moving and routing complaints, and for editing chains."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from protocol_portal.core.forms import DateInput, GovFormMixin, ReasonField, limit_choices
from roles.models import Committee, Council, Office, Person
from roles.selectors import council_people

from .models import ChainStep, Channel, ComplaintSettings, ComplaintStage, Finding, RoutingChain, StepNotice
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

    complainant = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        help_text="Who is making the complaint. For a resident or anyone else who holds no office, leave this "
        "empty and give their name and contact details below.",
    )
    complainant_name = forms.CharField(
        max_length=150, required=False, label="Complainant's name (someone who holds no office)"
    )
    complainant_email = forms.EmailField(required=False, label="Complainant's e-mail address")
    complainant_phone = forms.CharField(max_length=40, required=False, label="Complainant's telephone number")
    subject = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person complained about",
        help_text="A councillor or officer of this council.",
    )
    addressed_to = forms.ChoiceField(
        required=False,
        label="Addressed to",
        help_text="Where the council's procedure lets the complainant choose whom to address first.",
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
        choosable = (
            ChainStep.objects.filter(chain__council=council, chain__active=True, complainant_may_choose=True)
            .exclude(office=None)
            .select_related("office")
        )
        offices = {step.office.slug: step.office.name for step in choosable if step.office is not None}
        addressed = self.fields["addressed_to"]
        assert isinstance(addressed, forms.ChoiceField)
        addressed.choices = [("", "The first step of the procedure")] + sorted(offices.items(), key=lambda o: o[1])
        if not offices:
            del self.fields["addressed_to"]
        if not may_log_for_others:
            for name in ("complainant_name", "complainant_email", "complainant_phone"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_outsider = bool(data.get("complainant_name") or data.get("complainant_email"))
        if data.get("complainant") and has_outsider:
            self.add_error("complainant_name", "Choose a complainant or give a name, not both.")
        elif not data.get("complainant") and not has_outsider and "complainant" not in self.errors:
            self.add_error("complainant", "Choose the complainant, or give a resident's name and contact details.")
        return data


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


class RespondForm(GovFormMixin, forms.Form):
    submit_label = "Send the response"

    finding = forms.ChoiceField(choices=Finding.choices, widget=forms.RadioSelect, required=False, label="Finding")
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Response to the complainant"
    )
    remedy = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What will be done to put things right"
    )
    actions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Actions to track (one a line)",
        help_text="Each is tracked until it is marked done; the complainant is told.",
    )
    next_route = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Next route",
        help_text="Leave empty to tell the complainant the usual next step (the next stage, or the Ombudsman).",
    )
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)


class SubjectReplyForm(GovFormMixin, forms.Form):
    submit_label = "Send my reply"

    reply = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Your reply",
        help_text="You can reply once. The person handling the complaint reads it before making a finding.",
    )


class ConsentAskForm(GovFormMixin, forms.Form):
    submit_label = "Ask the complainant"

    purpose = forms.CharField(
        max_length=300,
        required=False,
        label="What the complainant is asked to agree to",
        help_text="e.g. 'Refer your complaint to the Monitoring Officer under the Code of Conduct'.",
    )


class ScheduleForm(GovFormMixin, forms.Form):
    submit_label = "Place on the agenda and tell the complainant"

    meeting = forms.ModelChoiceField(queryset=Committee.objects.none(), label="Meeting")

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "meeting", meetings)


class EscalateForm(GovFormMixin, forms.Form):
    submit_label = "Escalate to the next stage"

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Why the complainant is not satisfied"
    )


class ExtendForm(GovFormMixin, forms.Form):
    submit_label = "Extend and tell the complainant"

    working_days = forms.IntegerField(min_value=1, max_value=200, label="Extra working days")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Reason")
    exceptional_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Exceptional reason (only beyond the stage's limit)",
    )


class AttachmentForm(GovFormMixin, forms.Form):
    submit_label = "Add evidence"

    file = forms.FileField(label="Evidence file")


class ChainForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = RoutingChain
        fields = [
            "name",
            "slug",
            "kind",
            "clause",
            "description",
            "procedures",
            "informal_first",
            "active",
            "is_fallback",
            "subject_may_comment",
            "subject_comment_within",
        ]

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
        fields = ["position", *TARGET_FIELDS, "only_if_subject_holds", "complainant_may_choose", "decides_as_body"]

    def __init__(self, *args: Any, chain: RoutingChain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.chain = chain
        self.limit_to(chain.council)
        limit_choices(self, "only_if_subject_holds", Office.objects.filter(council=chain.council))


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
        fields = ["remind_before", "escalate_when_overdue"]


class StageForm(GovFormMixin, forms.ModelForm):
    change_reason = ReasonField()

    class Meta:
        model = ComplaintStage
        fields = ["name", "acknowledge_within", "respond_within", "extension_limit", "handler_step_position"]


class ChainCopyForm(GovFormMixin, forms.Form):
    submit_label = "Copy the chain"

    name = forms.CharField(max_length=150, label="Name of the copy")
    slug = forms.SlugField(max_length=80, label="Short name (in its address)")
    kind = forms.ChoiceField(choices=RoutingChain.Kind.choices, label="Which complaints it handles")
    change_reason = ReasonField()
