"""Pages for group briefings (CD 4.3, TW 2.17), ward events (TW 5.1-5.6) and correspondence (TW 4.1)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from protocol_portal.core.forms import DateInput, GovFormMixin
from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council, GroupMembership, Person, PoliticalGroup, Ward

from . import services
from .models import GroupBriefing, WardEvent
from .permissions import (
    briefing_decider_council_ids,
    briefing_offers_visible_to,
    correspondence_send_check,
    correspondence_visible_to,
    group_briefings_visible_to,
    ward_event_record_check,
    ward_events_visible_to,
)


class CouncilPageMixin(LoginRequiredMixin):
    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "council": self.council}  # type: ignore[misc]


class BriefingListView(CouncilPageMixin, TemplateView):
    template_name = "standards/briefings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "briefings": group_briefings_visible_to(user).filter(council=self.council).select_related("group"),
            "offers": briefing_offers_visible_to(user)
            .filter(briefing__council=self.council)
            .select_related("group", "briefing__group"),
            "leads": GroupMembership.objects.current()
            .filter(person=user, group__council=self.council, role__in=["leader", "deputy_leader"])
            .select_related("group"),
            "decides": self.council.pk in briefing_decider_council_ids(user),
        }


def _led_groups(user: Any, slug: str) -> Any:
    led = GroupMembership.objects.current().filter(person=user, role__in=["leader", "deputy_leader"])
    return PoliticalGroup.objects.filter(council__slug=slug, pk__in=led.values("group_id"))


class BriefingRequestForm(GovFormMixin, django_forms.Form):
    submit_label = "Ask for an officer"
    group = django_forms.ModelChoiceField(queryset=PoliticalGroup.objects.none())
    topic = django_forms.CharField(max_length=200, label="What should the officer brief the group on?")
    meeting_on = django_forms.DateField(widget=DateInput(), label="Date of the group meeting")


class BriefingRequestView(CouncilPageMixin, ServiceFormView):
    title = "Ask for an officer at a group meeting"
    success_message = "Request sent to the Chief Executive."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not _led_groups(request.user, kwargs["slug"]).exists():
            raise PermissionDenied("Only a group's leader or deputy leader can ask for an officer at its meeting.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        form = BriefingRequestForm(**self.get_form_kwargs())
        form.fields["group"].queryset = _led_groups(self.request.user, self.council.slug)  # type: ignore[attr-defined]
        return form

    def perform(self, form: Any) -> GroupBriefing:
        return services.briefing_request(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("standards:briefings", args=[self.council.slug])


class BriefingDecideForm(GovFormMixin, django_forms.Form):
    submit_label = "Record the decision"
    agree = django_forms.TypedChoiceField(
        choices=[("yes", "Agree: every other group is told and offered the same"), ("no", "Refuse")],
        coerce=lambda v: v == "yes",
        widget=django_forms.RadioSelect,
        label="Decision",
    )
    mo_consulted = django_forms.BooleanField(required=False, label="I consulted the Monitoring Officer")
    reasons = django_forms.CharField(required=False, widget=django_forms.Textarea(attrs={"rows": 3}))


class BriefingDecideView(CouncilPageMixin, ServiceFormView):
    title = "Officer attendance at a group meeting"
    success_message = "Decision recorded."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.briefing = get_object_or_404(
            group_briefings_visible_to(request.user), pk=kwargs["pk"], council__slug=kwargs["slug"]
        )
        if self.briefing.council_id not in briefing_decider_council_ids(request.user):
            raise PermissionDenied("Only the Chief Executive (Head of Paid Service) decides on group meeting requests.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        return BriefingDecideForm(**self.get_form_kwargs())

    def perform(self, form: Any) -> GroupBriefing:
        return services.briefing_decide(actor=self.request.user, briefing_id=self.briefing.pk, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("standards:briefings", args=[self.council.slug])


class WardEventListView(CouncilPageMixin, TemplateView):
    template_name = "standards/ward_events.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        events = ward_events_visible_to(self.request.user).filter(council=self.council).select_related("ward")
        return {**super().get_context_data(**kwargs), "events": events[:200]}


class WardEventForm(GovFormMixin, django_forms.Form):
    submit_label = "Record and tell the ward's members"
    ward = django_forms.ModelChoiceField(queryset=Ward.objects.none())
    kind = django_forms.ChoiceField(choices=WardEvent.Kind.choices, widget=django_forms.RadioSelect)
    title = django_forms.CharField(max_length=200)
    happens_on = django_forms.DateField(widget=DateInput(), label="Date")
    details = django_forms.CharField(required=False, widget=django_forms.Textarea(attrs={"rows": 3}))


class WardEventCreateView(CouncilPageMixin, ServiceFormView):
    title = "A public meeting or consultation in a ward"
    success_message = "Recorded: the ward's members were told."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            ward_event_record_check(request.user, get_object_or_404(Council, slug=kwargs["slug"]))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        form = WardEventForm(**self.get_form_kwargs())
        form.fields["ward"].queryset = Ward.objects.filter(council=self.council)  # type: ignore[attr-defined]
        return form

    def perform(self, form: Any) -> WardEvent:
        return services.ward_event_record(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("standards:ward-events", args=[self.council.slug])


class CorrespondenceListView(LoginRequiredMixin, TemplateView):
    template_name = "standards/correspondence_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        items = correspondence_visible_to(self.request.user).select_related("sender", "council")
        return {
            **super().get_context_data(**kwargs),
            "items": items[:200],
            "councils": Council.objects.filter(offices__appointments__person=self.request.user.pk).distinct(),
        }


class CorrespondenceDetailView(LoginRequiredMixin, TemplateView):
    template_name = "standards/correspondence_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        item = get_object_or_404(correspondence_visible_to(self.request.user), pk=kwargs["pk"])
        recipients = [r.person for r in item.recipients.select_related("person")]
        return {**super().get_context_data(**kwargs), "item": item, "recipients": recipients}


class CorrespondenceForm(GovFormMixin, django_forms.Form):
    submit_label = "Send"
    recipients = django_forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        widget=django_forms.CheckboxSelectMultiple,
        help_text="Every recipient sees every other recipient: there are no blind copies (TW 4.1).",
    )
    subject = django_forms.CharField(max_length=200)
    body = django_forms.CharField(widget=django_forms.Textarea(attrs={"rows": 6}), label="Message")


class CorrespondenceCreateView(CouncilPageMixin, ServiceFormView):
    title = "Write to members and officers"
    success_message = "Sent."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            correspondence_send_check(request.user, get_object_or_404(Council, slug=kwargs["slug"]))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        from roles.selectors import council_people

        form = CorrespondenceForm(**self.get_form_kwargs())
        form.fields["recipients"].queryset = council_people(council=self.council)  # type: ignore[attr-defined]
        return form

    def perform(self, form: Any) -> Any:
        return services.correspondence_record(actor=self.request.user, council=self.council, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("standards:correspondence-detail", args=[self.result.pk])
