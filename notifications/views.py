from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from .selectors import notices_visible_to
from .services import notice_mark_read


class InboxView(LoginRequiredMixin, ListView):
    template_name = "notifications/inbox.html"
    context_object_name = "notices"
    paginate_by = 25

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return notices_visible_to(self.request.user)


class NoticeOpenView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = get_object_or_404(notices_visible_to(request.user), pk=pk)
        notice_mark_read(user=request.user, notice=notice)
        if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
            return redirect(notice.url)
        return redirect("notifications:inbox")
