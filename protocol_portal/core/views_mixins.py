"""View plumbing: services do the work, views translate their errors into form errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.views.generic import FormView


class ServiceFormView(FormView):
    """A FormView whose ``perform`` calls a service; a service ValidationError changes nothing."""

    template_name = "core/form.html"
    title = ""
    success_message = ""

    def perform(self, form: Any) -> Any:
        raise NotImplementedError  # each view names its service

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        except PermissionDenied:
            raise
        if self.success_message:
            messages.success(self.request, self.success_message)
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        # Bad input answers 400, as the API does for the same act (the page is re-shown with the errors).
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "title": self.title}
