"""Declarations (relationships, interests) and the people search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView, TemplateView

from protocol_portal.core.views_mixins import ServiceFormView

from .. import forms, permissions, services
from ..models import (
    Council,
    InterestDeclaration,
    RelationshipDeclaration,
)
from .manage import CouncilManageMixin, _EndView


class DeclarationListView(LoginRequiredMixin, TemplateView):
    """Declarations of one council that the user may see (their own, or all if they administer it)."""

    template_name = "roles/declaration_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        council = get_object_or_404(Council, slug=kwargs["slug"])
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "council": council,
            "can_manage": permissions.can_manage_council(user, council),
            "can_keep_interests": permissions.can_keep_interest_register(user, council),
            "relationships": permissions.relationship_declarations_visible_to(user)
            .filter(council=council)
            .select_related("member", "officer"),
            "interests": permissions.interest_declarations_visible_to(user)
            .filter(council=council)
            .select_related("member"),
        }


DECLARATIONS: dict[str, tuple[Any, Any, Callable[..., Any]]] = {
    "relationship": (RelationshipDeclaration, forms.RelationshipDeclarationForm, services.relationship_declare),
    "interest": (InterestDeclaration, forms.InterestDeclarationForm, services.interest_register),
}


class DeclarationCreateView(CouncilManageMixin, ServiceFormView):
    success_message = "Declaration recorded."
    save_service: Callable[..., Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if kwargs["kind"] not in DECLARATIONS:
            raise Http404
        _, self.form_class, self.save_service = DECLARATIONS[kwargs["kind"]]
        self.title = (
            "Record a close personal relationship" if kwargs["kind"] == "relationship" else "Register an interest"
        )
        return super().dispatch(request, *args, **kwargs)

    def manage_check(self, user: Any, council: Council) -> None:
        if self.kwargs["kind"] == "interest":  # the Monitoring Officer keeps the register of interests too
            permissions.interest_register_check(user, council)
        else:
            super().manage_check(user, council)

    def perform(self, form: Any) -> Any:
        return self.save_service(
            actor=self.request.user, declaration=form.instance, reason=self.reason(form, "Declaration recorded")
        )

    def get_success_url(self) -> str:
        return reverse("roles:declaration-list", args=[self.council.slug])


class DeclarationEndView(_EndView):
    success_message = "Declaration ended."

    def manage_check(self, user: Any, council: Council) -> None:
        if self.kwargs["kind"] == "interest":
            permissions.interest_register_check(user, council)
        else:
            super().manage_check(user, council)

    def get_record(self) -> Any:
        if self.kwargs["kind"] not in DECLARATIONS:
            raise Http404
        model = DECLARATIONS[self.kwargs["kind"]][0]
        return get_object_or_404(model, pk=self.kwargs["pk"], council=self.council)

    def perform(self, form: Any) -> Any:
        return services.declaration_end(
            actor=self.request.user,
            declaration=self.record,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["change_reason"],
        )

    def get_success_url(self) -> str:
        return reverse("roles:declaration-list", args=[self.council.slug])


class PeopleSearchView(LoginRequiredMixin, ListView):
    template_name = "roles/people_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = permissions.people_visible_to(self.request.user).filter(is_active=True)
        term = self.request.GET.get("q", "").strip()
        if term:
            from django.db.models import Q

            qs = qs.filter(
                Q(username__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(display_name__icontains=term)
            )
        return qs.order_by("last_name", "first_name")
