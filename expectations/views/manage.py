"""The clerk's pages: import a protocol's text, correct its clauses, document control, adoption, readers.
And everyone's: confirm having read the council's adopted protocol."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council

from .. import forms, selectors, services
from ..models import ProtocolDocument, Theme
from ..parsing import clauses_propose
from ..permissions import council_protocol_manage_check, document_check


class CouncilProtocolManageMixin(LoginRequiredMixin):
    """Loads the council (and a version) from the URL; only its administrators get further."""

    council: Council
    document: ProtocolDocument
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["council"])
        council_protocol_manage_check(request.user, self.council)
        if "version" in kwargs:
            self.document = get_object_or_404(ProtocolDocument, council=self.council, version=kwargs["version"])
            self.document.council = self.council
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def _service_errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages_ in exc.message_dict.values() for m in messages_]
    return list(exc.messages)


class ImportView(CouncilProtocolManageMixin, View):
    """Step 1: paste or upload the text. Step 2: check the proposed clauses and confirm: a draft is created."""

    template_step1 = "expectations/import_text.html"
    template_step2 = "expectations/import_review.html"

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "council": self.council,
            "title": f"Import a protocol for {self.council.name}",
            "back_url": reverse("expectations:version-list", args=[self.council.slug]),
            **extra,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        adopted = selectors.council_adopted_document(council=self.council)
        initial = {"title": adopted.title if adopted else "Member/Officer Protocol"}
        return render(request, self.template_step1, self.context(form=forms.ImportTextForm(initial=initial)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        themes = list(Theme.objects.order_by("sort_order", "name"))
        step = request.POST.get("step", "text")
        if step == "text":
            form = forms.ImportTextForm(request.POST, request.FILES)
            if not form.is_valid():
                return render(request, self.template_step1, self.context(form=form))
            data = form.cleaned_data
            proposal = clauses_propose(data["text"])
            carry = forms.CarryForm(
                initial={
                    "title": data["title"],
                    "version": data["version"],
                    "full_text": data["text"],
                    "adoption_note": data["adoption_note"],
                    "source": data["source"],
                }
            )
            formset = forms.ClauseFormSet(initial=[p.as_initial() for p in proposal], themes=themes, prefix="clauses")
            return render(
                request, self.template_step2, self.context(carry=carry, formset=formset, proposed=len(proposal))
            )
        carry = forms.CarryForm(request.POST)
        formset = forms.ClauseFormSet(request.POST, themes=themes, prefix="clauses")
        if step == "add-row":
            return render(
                request, self.template_step2, self.context(carry=carry, formset=_with_extra_row(formset, themes))
            )
        errors: list[str] = []
        if carry.is_valid() and formset.is_valid():
            data = carry.cleaned_data
            try:
                document = services.protocol_draft_create(
                    actor=request.user,
                    council=self.council,
                    title=data["title"],
                    version=data["version"],
                    full_text=data["full_text"],
                    adoption_note=data["adoption_note"],
                    numbering_note=data["numbering_note"],
                    source=data["source"],
                    clauses=services.documents.clause_inputs_from(formset.rows()),
                    reason=data["reason"] or "Imported from the protocol's text",
                )
            except ValidationError as exc:
                errors = _service_errors(exc)
            else:
                messages.success(
                    request, f"Draft version {document.version} created with {document.clauses.count()} clauses."
                )
                return redirect(document.get_absolute_url())
        return render(request, self.template_step2, self.context(carry=carry, formset=formset, service_errors=errors))


def _with_extra_row(formset: Any, themes: list[Theme]) -> Any:
    """The same rows plus an empty one (adding a row works without JavaScript)."""
    data = formset.data.copy()
    total = int(data.get(f"{formset.prefix}-TOTAL_FORMS", 0))
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(total + 1)
    return forms.ClauseFormSet(data, themes=themes, prefix=formset.prefix)


class DraftClausesView(CouncilProtocolManageMixin, View):
    """Correct a draft's clauses with the same rows as the import (add, remove, renumber, theme)."""

    template_name = "expectations/import_review.html"

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "council": self.council,
            "document": self.document,
            "editing": True,
            "title": f"Correct the clauses of draft version {self.document.version}",
            "back_url": self.document.get_absolute_url(),
            **extra,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.document.status != ProtocolDocument.Status.DRAFT:
            raise Http404("Only a draft's clauses can be corrected.")
        themes = list(Theme.objects.order_by("sort_order", "name"))
        initial = [
            {
                **{f: getattr(c, f) for f in ("number", "section", "kind", "text")},
                "themes": [t.slug for t in c.themes.all()],
            }
            for c in selectors.document_clauses(document=self.document)
        ]
        formset = forms.ClauseFormSet(initial=initial, themes=themes, prefix="clauses")
        return render(request, self.template_name, self.context(formset=formset, carry=forms.CarryForm()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        themes = list(Theme.objects.order_by("sort_order", "name"))
        formset = forms.ClauseFormSet(request.POST, themes=themes, prefix="clauses")
        if request.POST.get("step") == "add-row":
            return render(request, self.template_name, self.context(formset=_with_extra_row(formset, themes)))
        errors: list[str] = []
        if formset.is_valid():
            try:
                services.protocol_draft_clauses_replace(
                    actor=request.user,
                    document=self.document,
                    clauses=services.documents.clause_inputs_from(formset.rows()),
                    reason=request.POST.get("reason", "")[:300] or "Draft clauses corrected",
                )
            except ValidationError as exc:
                errors = _service_errors(exc)
            else:
                messages.success(request, "The draft's clauses were saved.")
                return redirect(self.document.get_absolute_url())
        return render(request, self.template_name, self.context(formset=formset, service_errors=errors))


class DocumentControlView(CouncilProtocolManageMixin, ServiceFormView):
    form_class = forms.DocumentControlForm
    success_message = "Document control saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.document}

    def perform(self, form: Any) -> Any:
        values = {f: form.cleaned_data[f] for f in forms.DocumentControlForm.Meta.fields}
        return services.protocol_control_update(
            actor=self.request.user,
            document=ProtocolDocument.objects.get(pk=self.document.pk),
            reason=form.cleaned_data["reason"] or "Document control updated",
            **values,
        )

    def get_success_url(self) -> str:
        return reverse("expectations:version-list", args=[self.council.slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "title": f"Document control: version {self.document.version}",
            "council": self.council,
            "back_url": self.get_success_url(),
        }


class AdoptView(CouncilProtocolManageMixin, ServiceFormView):
    form_class = forms.AdoptForm
    template_name = "expectations/adopt.html"
    success_message = "Version adopted: the previous version is superseded and everyone is asked to read the new one."

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.document.status != ProtocolDocument.Status.DRAFT:
            raise Http404("Only a draft is adopted.")
        return super().get(request, *args, **kwargs)

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.protocol_adopt(
            actor=self.request.user,
            document=self.document,
            adopted_on=data["adopted_on"],
            review_due=data["review_due"],
            adoption_note=data["adoption_note"] or None,
            reason=data["reason"] or f"Version {self.document.version} adopted by the council",
        )

    def get_success_url(self) -> str:
        return reverse("expectations:catalogue", args=[self.council.slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "title": f"Adopt version {self.document.version}",
            "council": self.council,
            "document": self.document,
            "current": selectors.council_adopted_document(council=self.council),
            "back_url": self.document.get_absolute_url(),
        }


class ReadersView(CouncilProtocolManageMixin, View):
    """Who has, and who has not, confirmed reading the adopted version (LL 3.3)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        document = selectors.council_adopted_document(council=self.council)
        statuses = selectors.acknowledgement_status(document=document) if document else []
        return render(
            request,
            "expectations/readers.html",
            {
                "council": self.council,
                "document": document,
                "not_read": [s for s in statuses if s.acknowledgement is None],
                "read": [s for s in statuses if s.acknowledgement is not None],
                "title": f"Who has read {self.council.name}'s protocol",
            },
        )


class AcknowledgeView(LoginRequiredMixin, ServiceFormView):
    form_class = forms.AcknowledgeForm
    template_name = "expectations/acknowledge.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.council = get_object_or_404(Council, slug=kwargs["council"])
        document = selectors.council_adopted_document(council=self.council)
        if document is None:
            raise Http404("This council has no adopted protocol.")
        self.document = document
        document_check(request.user, "acknowledge", document)
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: Any) -> Any:
        return services.protocol_acknowledge(person=self.request.user, document=self.document)

    def get_success_url(self) -> str:
        messages.success(self.request, f"Thank you: you have confirmed reading version {self.document.version}.")
        return reverse("expectations:catalogue", args=[self.council.slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        existing = self.document.acknowledgements.filter(person_id=self.request.user.pk or 0).first()
        return {
            **super().get_context_data(**kwargs),
            "council": self.council,
            "document": self.document,
            "existing": existing,
            "title": f"Confirm you have read {self.council.name}'s protocol",
        }
