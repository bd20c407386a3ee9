"""Finding 5: the page and the API give the same answer for the same act (both ask the same permissions and
the same service), and a service never treats a missing actor as permission.

Each act is made twice, on twin records, once through the page and once through the API, and the outcomes
compared: success (page redirect, API 2xx), 400 bad input, 403 known but not yours to do, 404 not yours to
know. The page's and API's answers must be equal, and equal to what the table expects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from access_requests import services as access_services
from access_requests.models import Document
from complaints import services as complaint_services
from complaints.models import Complaint
from roles.models import Council, Person

pytestmark = pytest.mark.django_db
OK = "ok"
ADVICE = "Solicitor's advice on the market charter"


def outcome(status: int) -> str | int:
    return OK if status in (200, 201, 302) else status


def new_complaint() -> Complaint:
    complainant = Person.objects.get(username="tw-councillor-1")
    return complaint_services.complaint_create(
        actor=complainant,
        council=Council.objects.get(slug="tewkesbury"),
        complainant=complainant,
        subject=Person.objects.get(username="tw-chief-executive"),
        summary="Refused to meet",
        details="Three requests declined.",
    )


def new_request() -> Any:
    councillor = Person.objects.get(username="ll-councillor-1")
    document = Document.objects.get(title=ADVICE)
    request = access_services.access_request_submit(
        actor=councillor,
        council=document.council,
        requester=councillor,
        document=document,
        basis="need_to_know",
        purpose="Scrutiny.",
    )
    return request


def clear_requests() -> None:
    # one open request per councillor and document: the twin is made after the first is settled or withdrawn
    from access_requests.models import AccessRequest, State

    for r in AccessRequest.objects.filter(requester__username="ll-councillor-1", state=State.SUBMITTED):
        access_services.access_request_withdraw(actor=r.requester, access_request=r)


@dataclass
class Act:
    name: str
    user: str
    make: Callable[[], Any]
    page: Callable[[Any], str]
    api: Callable[[Any], str]
    body: dict[str, Any]
    expected: str | int


def transition(body: dict[str, Any]) -> dict[str, Any]:
    return body


COMPLAINT_PAGE = lambda c: f"/complaints/{c.pk}/transition/"  # noqa: E731
COMPLAINT_API = lambda c: f"/api/complaints/{c.pk}/transition/"  # noqa: E731
DECIDE_PAGE = lambda r: f"/requests/{r.pk}/decide/"  # noqa: E731
DECIDE_API = lambda r: f"/api/access-requests/{r.pk}/decide/"  # noqa: E731

ACTS = [
    Act(
        "handler acknowledges",
        "tw-monitoring-officer",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "acknowledged", "reason": ""},
        OK,
    ),
    Act(
        "complainant withdraws",
        "tw-councillor-1",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "withdrawn", "reason": "Resolved between us."},
        OK,
    ),
    Act(
        "complainant withdraws without a reason",
        "tw-councillor-1",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "withdrawn", "reason": ""},
        400,
    ),
    Act(
        "complainant marks it resolved",
        "tw-councillor-1",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "resolved", "reason": "I say so."},
        403,
    ),
    Act(
        "complainant moves it to a state it cannot reach",
        "tw-councillor-1",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "closed", "reason": "Done."},
        400,
    ),
    Act(
        "unknown state",
        "tw-monitoring-officer",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "nonsense", "reason": "x"},
        400,
    ),
    Act(
        "the person complained about",
        "tw-chief-executive",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "withdrawn", "reason": "x"},
        404,
    ),
    Act(
        "a councillor with no part in it",
        "tw-councillor-2",
        new_complaint,
        COMPLAINT_PAGE,
        COMPLAINT_API,
        {"to": "withdrawn", "reason": "x"},
        404,
    ),
    Act(
        "officer decides what the rules forbid",
        "ll-town-clerk",
        new_request,
        DECIDE_PAGE,
        DECIDE_API,
        {"decision": "grant_copy", "reasons": "Useful."},
        400,
    ),
    Act(
        "officer decides what the rules allow",
        "ll-town-clerk",
        new_request,
        DECIDE_PAGE,
        DECIDE_API,
        {"decision": "grant_inspect", "reasons": "Need shown."},
        OK,
    ),
    Act(
        "requester decides their own request",
        "ll-councillor-1",
        new_request,
        DECIDE_PAGE,
        DECIDE_API,
        {"decision": "grant_copy", "reasons": "Mine."},
        403,
    ),
    Act(
        "an officer who may not see it",
        "ll-officer-1",
        new_request,
        DECIDE_PAGE,
        DECIDE_API,
        {"decision": "refuse", "reasons": "x", "grounds": ["need_to_know"]},
        404,
    ),
]


@pytest.mark.parametrize("act", ACTS, ids=[a.name for a in ACTS])
def test_page_and_api_answer_the_same(demo, act):
    user = Person.objects.get(username=act.user)
    page_target = act.make()
    page = Client()
    page.force_login(user)
    page_status = page.post(act.page(page_target), act.body).status_code
    clear_requests()

    api_target = act.make()
    api = APIClient()
    api.force_authenticate(user)
    api_status = api.post(act.api(api_target), act.body, format="json").status_code
    clear_requests()

    assert outcome(page_status) == outcome(api_status), f"page {page_status}, API {api_status}"
    assert outcome(api_status) == act.expected


@pytest.mark.parametrize("username", ["ll-councillor-1", "ll-town-clerk", "ll-officer-1"])
def test_recommendation_shown_alike_on_page_and_api(demo, username):
    r = new_request()
    user = Person.objects.get(username=username)
    page = Client()
    page.force_login(user)
    response = page.get(f"/requests/{r.pk}/")
    api = APIClient()
    api.force_authenticate(user)
    api_response = api.get(f"/api/access-requests/{r.pk}/")
    assert outcome(response.status_code) == outcome(api_response.status_code)
    if response.status_code == 200:
        on_page = 'id="recommendation"' in response.content.decode()
        in_api = api_response.json()["recommendation"] is not None
        assert on_page == in_api


def test_no_actor_is_not_permission(demo):
    complaint = new_complaint()
    with pytest.raises(PermissionDenied):
        complaint_services.complaint_transition(
            actor=None, complaint_id=complaint.pk, to="withdrawn", reason="Nobody asked."
        )
    complaint.refresh_from_db()
    assert complaint.state == "received"


def test_the_scheduler_may_only_do_its_own_short_list(demo):
    from protocol_portal.core.system import system_actor

    complaint = new_complaint()
    with pytest.raises(PermissionDenied):
        complaint_services.complaint_transition(
            actor=system_actor(), complaint_id=complaint.pk, to="withdrawn", reason="Scheduler cannot withdraw."
        )
    # Escalating is on its list: it passes the permission check and meets the chain's own limit instead.
    with pytest.raises(ValidationError, match="no further step"):
        complaint_services.complaint_transition(
            actor=system_actor(), complaint_id=complaint.pk, to="escalated", reason="Overdue."
        )
    assert complaint.history.latest().history_user.username != "portal-scheduler"
    scheduler = Person.objects.get(username="portal-scheduler")
    assert not scheduler.is_active and not scheduler.has_usable_password()  # it cannot sign in
