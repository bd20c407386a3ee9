"""A person's own API tokens: see which devices hold one, and revoke any."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .tokens import api_token_listing, api_token_revoke


class ApiTokenListView(LoginRequiredMixin, TemplateView):
    template_name = "core/api_tokens.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "tokens": api_token_listing(person=self.request.user)}

    def post(self, request: HttpRequest) -> HttpResponse:
        key = request.POST.get("token_key", "")
        try:
            api_token_revoke(actor=request.user, token_key=key)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("api-tokens")
        messages.success(request, f"Token {key} revoked: anything using it can no longer reach the API.")
        return redirect("api-tokens")
