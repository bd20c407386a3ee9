"""Pages: Code of Conduct cases (signed in) and the public registers (no sign-in)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from protocol_portal.core.views_mixins import ServiceFormView
from roles.models import Council, InterestDeclaration
from roles.permissions import admin_council_ids

from . import forms, selectors, services
from .models import ConductComplaint
from .permissions import (
    complainant_visible,
    conduct_actor_roles,
    own_monitoring_officer_council_ids,
)
from .workflow import CONDUCT_LIFE, OPEN_STATES, Actor, State


class ConductListView(LoginRequiredMixin, TemplateView):
    template_name = "standards/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        cases = selectors.conduct_list(user=self.request.user).order_by("-received_on", "-id")
        state = self.request.GET.get("state", "")
        if state in State.values:
            cases = cases.filter(state=state)
        return {
            **super().get_context_data(**kwargs),
            "cases": cases[:200],
            "state": state,
            "states": State.choices,
            "councils": Council.objects.order_by("name"),
        }


class ConductCreateView(LoginRequiredMixin, ServiceFormView):
    template_name = "standards/complaint_form.html"
    success_message = "Your complaint was sent to the Monitoring Officer."

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def on_behalf(self) -> bool:
        user = self.request.user
        standards = self.council.principal_council_id or self.council.pk
        return standards in own_monitoring_officer_council_ids(user) or self.council.pk in admin_council_ids(user)

    def get_form(self, form_class: Any = None) -> Any:
        return forms.ConductComplaintForm(**self.get_form_kwargs(), council=self.council, on_behalf=self.on_behalf)

    def perform(self, form: Any) -> ConductComplaint:
        data = form.cleaned_data
        name = (data.get("complainant_name") or "").strip()
        return services.conduct_complaint_create(
            actor=self.request.user,
            council=self.council,
            subject=data["subject"],
            allegation=data["allegation"],
            complainant=None if name else self.request.user,  # type: ignore[arg-type]
            complainant_name=name,
            complainant_email=data.get("complainant_email") or "",
            complainant_may_be_named=data["complainant_may_be_named"],
            conduct_on=data["conduct_on"],
        )

    def get_success_url(self) -> str:
        return self.result.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "council": self.council,
            "title": f"Complain about a member of {self.council.name} under the Code of Conduct",
        }


@dataclass(frozen=True)
class Action:
    form: type
    title: str
    roles: frozenset[str]
    states: frozenset[str]
    success: str


MEMBER = "member"  # the member complained about (not an actor of the machine: only consults the IP)
_MO = frozenset({Actor.MONITORING_OFFICER})
ACTIONS: dict[str, Action] = {
    "assess": Action(forms.AssessForm, "Initial assessment", _MO, frozenset({State.RECEIVED}), "Assessment recorded."),
    "investigation": Action(
        forms.InvestigationForm, "Investigation", _MO, frozenset({State.INVESTIGATION}), "Investigation updated."
    ),
    "hearing": Action(
        forms.HearingForm, "Refer to a hearing", _MO, frozenset({State.INVESTIGATION}), "Referred to the hearing."
    ),
    "ip-view": Action(
        forms.IPViewForm,
        "The Independent Person's view",
        frozenset({Actor.INDEPENDENT_PERSON}),
        OPEN_STATES,
        "Your view was recorded.",
    ),
    "decide": Action(
        forms.DecideForm,
        "Record the decision",
        frozenset({Actor.MONITORING_OFFICER, Actor.PANEL}),
        frozenset({State.INVESTIGATION, State.HEARING}),
        "Decision recorded and the decision notice published.",
    ),
    "resolve": Action(forms.ReasonForm, "Resolved informally", _MO, frozenset({State.INFORMAL}), "Recorded."),
    "withdraw": Action(
        forms.ReasonForm,
        "Withdraw the complaint",
        frozenset({Actor.COMPLAINANT, Actor.MONITORING_OFFICER}),
        OPEN_STATES,
        "The complaint was withdrawn.",
    ),
    "consult-ip": Action(
        forms.ConsultIPForm, "Consult the Independent Person", frozenset({MEMBER}), OPEN_STATES, "Recorded."
    ),
}


def _roles(user: Any, case: ConductComplaint) -> set[str]:
    roles = conduct_actor_roles(user, case)
    if user.pk == case.subject_id and case.member_told_on:
        roles.add(MEMBER)
    return roles


def actions_for(user: Any, case: ConductComplaint) -> list[tuple[str, str]]:
    roles = _roles(user, case)
    return [
        (name, action.title) for name, action in ACTIONS.items() if case.state in action.states and roles & action.roles
    ]


class ConductDetailView(LoginRequiredMixin, TemplateView):
    template_name = "standards/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        case = get_object_or_404(selectors.conduct_list(user=user), pk=kwargs["pk"])
        shows_complainant = complainant_visible(user, case)
        events = [
            {
                "event": e,
                "actor": e.actor if (shows_complainant or e.actor_id != case.complainant_id) else "The complainant",
            }
            for e in case.events.select_related("actor")
        ]
        return {
            **super().get_context_data(**kwargs),
            "case": case,
            "state_label": CONDUCT_LIFE.label(case.state),
            "shows_complainant": shows_complainant,
            "events": events,
            "actions": actions_for(user, case),
            "older_than_six_months": case.conduct_older_than_six_months(),
            "history_visible": shows_complainant,
        }


class ConductActionView(LoginRequiredMixin, ServiceFormView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.case = get_object_or_404(selectors.conduct_list(user=request.user), pk=kwargs["pk"])
        action = ACTIONS.get(kwargs["action"])
        if action is None:
            raise Http404("No such action.")
        self.action = action
        self.name = kwargs["action"]
        if not _roles(request.user, self.case) & self.action.roles:
            raise PermissionDenied("You cannot do this on this case.")
        self.title = self.action.title
        self.success_message = self.action.success
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        if self.action.form is forms.HearingForm:
            return forms.HearingForm(**self.get_form_kwargs(), council=self.case.standards_council)
        return self.action.form(**self.get_form_kwargs())

    def perform(self, form: Any) -> Any:
        data, actor, pk = form.cleaned_data, self.request.user, self.case.pk
        expected = self.case.state
        if self.name == "assess":
            return services.conduct_assess(actor=actor, case_id=pk, expected_state=expected, **data)
        if self.name == "investigation":
            return services.conduct_investigation_record(actor=actor, case_id=pk, **data)
        if self.name == "hearing":
            return services.conduct_hearing_refer(actor=actor, case_id=pk, expected_state=expected, **data)
        if self.name == "ip-view":
            return services.conduct_ip_view_record(actor=actor, case_id=pk, view=data["view"])
        if self.name == "decide":
            return services.conduct_decide(actor=actor, case_id=pk, expected_state=expected, **data)
        if self.name == "consult-ip":
            return services.conduct_member_consults_ip(actor=actor, case_id=pk, note=data["note"])
        move = "resolve_informally" if self.name == "resolve" else "withdraw"
        return services.conduct_transition(
            actor=actor, case_id=pk, move=move, reason=data["reason"], outcome=data["outcome"], expected_state=expected
        )

    def get_success_url(self) -> str:
        if self.name == "withdraw" and not selectors.conduct_list(user=self.request.user).filter(pk=self.case.pk):
            return reverse("standards:list")
        return self.case.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "back_url": self.case.get_absolute_url()}


# --- public registers (no sign-in) ---------------------------------------------------------------


def _csv_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PublicCouncilMixin:
    council: Council

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.council = get_object_or_404(Council, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class DecisionNoticeListView(PublicCouncilMixin, TemplateView):
    template_name = "standards/decision_notices.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        notices = [selectors.decision_notice_row(c) for c in selectors.decision_notices(council=self.council)]
        if request.GET.get("format") == "csv":
            keys = ["reference", "member", "decided_by", "decided_on", "finding_label", "sanction_labels", "reasons",
                    "complainant"]  # fmt: skip
            rows = [[("; ".join(n[k]) if isinstance(n[k], list) else n[k]) for k in keys] for n in notices]
            return _csv(f"{self.council.slug}-decision-notices.csv", keys, rows)
        return self.render_to_response({"council": self.council, "notices": notices})


class RegisterView(PublicCouncilMixin, TemplateView):
    """A public register: the interests register (s29) or members acting against the council (TW 2.33)."""

    template_name = "standards/register.html"
    kind = "interests"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        q = request.GET.get("q", "")
        if self.kind == "interests":
            rows = selectors.public_interests(council=self.council, q=q)
        else:
            rows = selectors.public_acting_against(council=self.council, q=q)
        if request.GET.get("format") == "csv":
            header = ["member", "category", "description", "withheld", "acting_party", "registered_on"]
            data = [
                [r.member, r.category_label, r.description or selectors.WITHHELD if r.withheld else r.description,
                 "yes" if r.withheld else "no", r.acting_party, r.registered_on]
                for r in rows
            ]  # fmt: skip
            return _csv(f"{self.council.slug}-{self.kind}.csv", header, data)
        return self.render_to_response(
            {
                "council": self.council,
                "rows": rows,
                "q": q,
                "kind": self.kind,
                "withheld_text": selectors.WITHHELD,
                "title": "Register of members' interests"
                if self.kind == "interests"
                else "Members acting against the council",
            }
        )


class RegisterHistoryView(PublicCouncilMixin, TemplateView):
    template_name = "standards/register_history.html"
    kind = "interests"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        categories = (
            tuple(InterestDeclaration.PUBLIC_INTERESTS)
            if self.kind == "interests"
            else (InterestDeclaration.Category.ACTING_AGAINST_COUNCIL,)
        )
        rows = selectors.public_register_history(council=self.council, categories=categories)
        return self.render_to_response(
            {"council": self.council, "rows": rows, "kind": self.kind, "withheld_text": selectors.WITHHELD}
        )
