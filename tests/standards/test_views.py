"""The standards pages: forms feed the services; bad input is a form message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from protocol_portal.core import worklist
from protocol_portal.core.workdays import today
from standards.models import ConductComplaint
from standards.queues import standards_queues

pytestmark = pytest.mark.django_db


def test_complaint_form_flags_old_conduct_and_refuses_bad_input(demo, login, person, client):
    login("ph-officer-1")
    url = reverse("standards:create", args=["peacehaven"])
    page = client.get(url).content.decode()
    assert "Lewes District Council" in page and "complainant_name" not in page  # no on-behalf fields
    before = ConductComplaint.objects.count()
    bad = client.post(url, {"subject": person("ph-councillor-2").pk, "allegation": "   "})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    not_member = client.post(url, {"subject": person("ph-town-clerk").pk, "allegation": "x"})
    assert not_member.status_code == 400  # not among the choices: a form error
    assert ConductComplaint.objects.count() == before
    old = (today() - timedelta(days=250)).isoformat()
    made = client.post(url, {"subject": person("ph-councillor-2").pk, "allegation": "Rude", "conduct_on": old})
    assert made.status_code == 302
    detail = client.get(made["Location"]).content.decode()
    assert "more than six months" in detail


def test_monitoring_officer_assesses_through_the_page(new_case, login, client):
    case = new_case()
    login("ld-monitoring-officer")
    url = reverse("standards:action", args=[case.pk, "assess"])
    missing = client.post(url, {"decision": "investigate", "reasons": ""})
    assert missing.status_code == 400
    case.refresh_from_db()
    assert case.state == "received"
    done = client.post(url, {"decision": "no_further_action", "reasons": "Not a breach: a private dispute."})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.state == "no_further_action" and case.assessment_reasons.startswith("Not a breach")
    # Nothing more to do on a closed case: the form is refused.
    assert client.get(url).status_code == 200  # the page shows, the service refuses
    again = client.post(url, {"decision": "investigate", "reasons": "Changed my mind"})
    assert again.status_code == 400 and "not possible now" in again.content.decode()


def test_work_queues_for_the_monitoring_officer_and_independent_person(
    investigated_case, person, django_assert_max_num_queries
):
    from tests.standards.test_services_conduct import _to_hearing

    mo = person("ld-monitoring-officer")
    with django_assert_max_num_queries(2):  # whatever the number of cases
        assert len(list(standards_queues(mo))) == 3
    queues = {q.key: q for q in worklist.work_for(mo) if q.key.startswith("standards.")}
    assert "standards.to_assess" not in queues  # the only case is under investigation
    _to_hearing(investigated_case, person)
    mo = person("ld-monitoring-officer")
    queues = {q.key: q for q in worklist.work_for(mo) if q.key.startswith("standards.")}
    assert queues["standards.decisions_due"].count == 1
    ip = {q.key: q for q in worklist.work_for(person("ld-independent-person")) if q.key.startswith("standards.")}
    assert ip["standards.views_requested"].count == 1


def test_public_pages_need_no_sign_in(demo, client):
    for name in ("standards:decision-notices", "standards:interests", "standards:acting-against"):
        response = client.get(reverse(name, args=["tewkesbury"]))
        assert response.status_code == 200, name
    csv = client.get(reverse("standards:interests", args=["tewkesbury"]) + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and "Severnside Garden Supplies" in csv.content.decode()


def test_case_list_as_csv_names_no_complainant(investigated_case, login, client):
    login("ph-councillor-1")  # the member complained about
    response = client.get(reverse("standards:list") + "?format=csv&state=investigation")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv") and investigated_case.reference in text
    assert str(investigated_case.complainant) not in text
