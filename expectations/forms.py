"""Forms of the expectations app: import text, correct proposed clauses, document control, adoption."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from protocol_portal.core.forms import DateInput, GovFormMixin, ReasonField

from .models import Clause, ProtocolDocument, Theme
from .textract import upload_text

MAX_TEXT = 400_000  # about 60,000 words: far longer than any protocol


class ImportTextForm(GovFormMixin, forms.Form):
    submit_label = "Propose clauses"

    title = forms.CharField(max_length=200, label="Title of the protocol", initial="Member/Officer Protocol")
    version = forms.CharField(
        max_length=20,
        label="Version",
        help_text="The document's own version number, or the next number for this council.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Paste the protocol's text",
        help_text="Copy the whole document, numbering included. Or upload the file below.",
    )
    upload = forms.FileField(
        required=False, label="Or upload the document", help_text="A text file, a PDF with text, or a Word .docx file."
    )
    adoption_note = forms.CharField(
        max_length=600,
        required=False,
        label="Adoption wording (optional)",
        help_text="e.g. 'Adopted by Council (date TBC)'.",
    )
    source = forms.CharField(
        max_length=200, required=False, label="Source (optional)", help_text="Where the text came from."
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("upload")
        if upload:
            data["text"] = upload_text(upload)
            data["source"] = data.get("source") or upload.name[:200]
        if not (data.get("text") or "").strip():
            raise ValidationError({"text": "Paste the protocol's text or upload the document."})
        return data


class CarryForm(forms.Form):
    """The document details carried, hidden, from the text step to the confirmation step."""

    title = forms.CharField(max_length=200, widget=forms.HiddenInput)
    version = forms.CharField(max_length=20, widget=forms.HiddenInput)
    # A hidden textarea, not a hidden input: line breaks are the clause boundaries and must survive the round trip.
    full_text = forms.CharField(
        max_length=MAX_TEXT, strip=False, widget=forms.Textarea(attrs={"hidden": True, "aria-hidden": "true"})
    )
    adoption_note = forms.CharField(max_length=600, required=False, widget=forms.HiddenInput)
    source = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    numbering_note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
        label="How clauses without their own numbers were numbered (optional)",
    )
    reason = ReasonField()

    def clean_full_text(self) -> str:
        return self.cleaned_data["full_text"].replace("\r\n", "\n")


class ClauseForm(forms.Form):
    number = forms.CharField(
        max_length=40, required=False, widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"})
    )
    section = forms.CharField(max_length=200, required=False, widget=forms.TextInput(attrs={"class": "govuk-input"}))
    kind = forms.ChoiceField(
        choices=[("", "Choose a kind"), *Clause.Kind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}))
    themes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"})
    )

    def __init__(self, *args: Any, theme_choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes_field = self.fields["themes"]
        assert isinstance(themes_field, forms.MultipleChoiceField)
        themes_field.choices = theme_choices or []

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.has_changed() and not data.get("DELETE"):
            if not (data.get("number") or "").strip():
                self.add_error("number", "Enter the clause number.")
            if not (data.get("text") or "").strip():
                self.add_error("text", "Enter the clause text.")
            if not data.get("kind"):
                self.add_error("kind", "Choose what kind of clause this is.")
        return data


class BaseClauseFormSet(forms.BaseFormSet):
    """Rows of clauses; the themes are read once for the whole formset, not once per row."""

    def __init__(self, *args: Any, themes: list[Theme] | None = None, **kwargs: Any) -> None:
        self.themes = {t.slug: t for t in (themes if themes is not None else Theme.objects.all())}
        self.theme_choices = [(slug, theme.name) for slug, theme in self.themes.items()]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "theme_choices": self.theme_choices}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove this row"
        form.fields["DELETE"].widget.attrs["class"] = "govuk-checkboxes__input"

    def rows(self) -> list[dict[str, Any]]:
        """The kept, filled rows in order, as service inputs (themes as Theme objects)."""
        kept = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not (data.get("number") or data.get("text")):
                continue
            kept.append({**data, "themes": [self.themes[slug] for slug in data.get("themes", [])]})
        return kept


ClauseFormSet: type[BaseClauseFormSet] = forms.formset_factory(  # type: ignore[assignment]
    ClauseForm, formset=BaseClauseFormSet, extra=0, can_delete=True, max_num=600
)


class DocumentControlForm(GovFormMixin, forms.ModelForm):
    reason = ReasonField()

    class Meta:
        model = ProtocolDocument
        fields = [
            "title",
            "adoption_note",
            "last_reviewed",
            "review_due",
            "review_reminder_days",
            "numbering_note",
            "source",
        ]
        widgets = {"last_reviewed": DateInput(), "review_due": DateInput()}
        labels = {"review_reminder_days": "Remind the council's administrators this many days before the review date"}

    def _post_clean(self) -> None:
        pass  # the service validates and saves; the form only collects the values


class AdoptForm(GovFormMixin, forms.Form):
    submit_label = "Adopt this version"

    adopted_on = forms.DateField(widget=DateInput(), label="Adopted by the council on")
    review_due = forms.DateField(widget=DateInput(), required=False, label="Review due (optional)")
    adoption_note = forms.CharField(max_length=600, required=False, label="Adoption wording (optional)")
    reason = ReasonField()


class AcknowledgeForm(GovFormMixin, forms.Form):
    submit_label = "I have read this protocol"

    confirm = forms.BooleanField(
        label="I confirm that I have read this version of the protocol",
        error_messages={"required": "Tick the box to confirm."},
    )
