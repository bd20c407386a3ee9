"""The service's own error pages (GOV.UK pattern), with the reason the service gave where it is safe to show.

A reason is shown only when the portal's own code gave it (a ``PermissionDenied`` or ``Http404`` raised with
a message for people): those messages are written to be read. Django's generic wording ("No Complaint
matches the given query.") and anything from a server error never reaches the page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

PAGES: dict[int, tuple[str, str]] = {
    400: ("Sorry, there is a problem with your request", "The request could not be understood. Go back and try again."),
    403: ("You cannot do this", "You do not have permission to see this page or to do this."),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you copied all of it.",
    ),
    429: (
        "Too many requests",
        "You have tried this too many times in a short period. Wait a few minutes and try again.",
    ),
}


def _safe_reason(exception: Any) -> str:
    if exception is None:
        return ""
    reason = str(exception.args[0]) if getattr(exception, "args", None) else ""
    if not reason or "matches the given query" in reason or reason.startswith(("Resolver404", "{")):
        return ""
    return reason if len(reason) <= 300 else ""


def _page(request: HttpRequest, status: int, exception: Any = None) -> HttpResponse:
    title, advice = PAGES[status]
    reason = _safe_reason(exception) if status in (403, 404) else ""
    return render(
        request,
        "core/error.html",
        {"title": title, "advice": advice, "reason": reason, "status": status},
        status=status,
    )


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 403, exception)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 404, exception)


def rate_limited(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 429)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors, no database: the error may be the database itself.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
