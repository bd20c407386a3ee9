"""Pages for stages, the report, chain copies and readable history."""

import pytest
from django.urls import reverse

from complaints.models import ChainStep, Complaint, ComplaintStage, RoutingChain
from complaints.services import complaint_create, complaint_respond
from complaints.services.outsiders import Outsider
from roles.models import Council

pytestmark = pytest.mark.django_db


def resident(person):  # type: ignore[no-untyped-def]
    return complaint_create(
        actor=person("ll-town-clerk"),
        council=Council.objects.get(code="ll"),
        complainant=None,
        outsider=Outsider(name="Rosa Quill", phone="01525 000000"),
        subject=person("ll-officer-1"),
        summary="Bins left uncollected",
        details="x",
        informal_first=False,
    )


def test_the_clerk_logs_a_residents_complaint_from_the_form(client, demo, login, person):
    login("ll-town-clerk")
    url = reverse("complaints:create", args=["leighton-linslade"])
    missing = client.post(url, {"subject": person("ll-officer-1").pk, "summary": "s", "details": "d"})
    assert "Choose the complainant, or give a resident" in missing.content.decode()
    response = client.post(
        url,
        {
            "complainant_name": "Rosa Quill",
            "complainant_email": "rosa@example.org",
            "subject": person("ll-officer-1").pk,
            "channel": "letter",
            "received_on": "2026-03-02",
            "summary": "Bins left uncollected",
            "details": "Twice promised.",
            "informal_first": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    complaint = Complaint.objects.get(summary="Bins left uncollected")
    assert complaint.complainant_is_outsider
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Rosa Quill" in page and "holds no office" in page
    assert "Informal resolution first" in page and "Requested by the complainant" in page


def test_informal_first_not_requested_is_shown_as_such(client, demo, login, person):
    complaint = resident(person)
    login("ll-town-clerk")
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Not requested" in page and "Requested by the complainant" not in page


def test_respond_and_escalate_from_the_page(client, demo, login, person):
    complaint = resident(person)
    login("ll-town-clerk")
    url = reverse("complaints:respond", args=[complaint.pk])
    refused = client.post(url, {"respond-response": "No fault found."})
    assert "Choose the finding" in refused.content.decode()
    done = client.post(
        url,
        {"respond-finding": "not_upheld", "respond-response": "No fault found.", "respond-actions": "Check the round"},
    )
    assert done.status_code == 302
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Stage 1: Not upheld" in page and "Check the round" in page and "Not satisfied?" in page
    escalated = client.post(reverse("complaints:escalate", args=[complaint.pk]), {"escalate-reason": "Still no bins"})
    assert escalated.status_code == 302
    complaint.refresh_from_db()
    assert complaint.stage == 2 and complaint.handler.username == "ll-town-mayor"


def test_extension_past_the_limit_without_a_reason_is_refused_on_the_page(client, demo, login, person):
    complaint = resident(person)
    login("ll-town-clerk")
    response = client.post(
        reverse("complaints:extend", args=[complaint.pk]), {"extend-working_days": 11, "extend-reason": "Busy"}
    )
    assert "at most 10 working days" in response.content.decode()
    assert not complaint.extensions.exists()


def test_history_shows_names_and_labels_not_ids(client, demo, login, person):
    complaint = resident(person)
    complaint_respond(actor=person("ll-town-clerk"), complaint_id=complaint.pk, finding="upheld", response="Sorry.")
    login("ll-town-clerk")
    page = client.get(reverse("history", args=["complaints.complaint", complaint.pk])).content.decode()
    assert "Finding</strong>: (empty) → Upheld" in page
    assert "Handler</strong>: (empty) → " + str(person("ll-town-clerk")) in page
    assert f"→ {person('ll-town-clerk').pk}<" not in page


def test_report_page_has_charts_csv_and_a_printable_annual_report(client, demo, login, person):
    complaint = resident(person)
    complaint_respond(actor=person("ll-town-clerk"), complaint_id=complaint.pk, finding="not_upheld", response="No.")
    url = reverse("complaints:report", args=["leighton-linslade"])
    login("ll-councillor-2")
    assert client.get(url).status_code == 403
    login("ll-town-clerk")
    year = complaint.received_on.year
    page = client.get(url, {"year": year}).content.decode()
    assert page.count("<svg") >= 5 and "Not upheld, by handler" in page
    csv = client.get(url, {"year": year, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "not upheld by handler" in csv.content.decode()
    printable = client.get(url, {"year": year, "print": 1}).content.decode()
    assert "Self-assessment against the Complaint Handling Code" in printable
    assert "Give the year as four digits" in client.get(url, {"year": "soon"}).content.decode()


def test_a_parish_sets_its_own_stages_and_copies_a_chain(client, demo, login):
    login("ll-town-clerk")
    response = client.post(
        reverse("complaints:stage-edit", args=["leighton-linslade", 2]),
        {
            "name": "Review by the Mayor",
            "acknowledge_within": 5,
            "respond_within": 15,
            "extension_limit": 20,
            "handler_step_position": 3,
            "change_reason": "Council resolution 12/2026",
        },
    )
    assert response.status_code == 302
    stages = ComplaintStage.objects.filter(council__slug="leighton-linslade").order_by("number")
    assert [(s.number, s.name, s.respond_within) for s in stages] == [
        (1, "Stage 1", 10),
        (2, "Review by the Mayor", 15),
    ]
    assert stages[1].history.first().history_change_reason == "Council resolution 12/2026"
    chain = RoutingChain.objects.get(council__slug="leighton-linslade", slug="fallback")
    copied = client.post(
        reverse("complaints:chain-copy", args=["leighton-linslade", "fallback"]),
        {"name": "Residents", "slug": "residents", "kind": "public", "change_reason": "Residents' route"},
    )
    assert copied.status_code == 302
    copy = RoutingChain.objects.get(council__slug="leighton-linslade", slug="residents")
    assert not copy.active and copy.kind == "public"
    assert [s.label for s in copy.steps.all()] == [s.label for s in chain.steps.all()]
    assert ChainStep.objects.filter(chain=chain).count() == 3  # the original is untouched
    login("ll-councillor-1")
    assert client.get(reverse("complaints:chain-copy", args=["leighton-linslade", "fallback"])).status_code == 403


def test_the_chains_informal_first_setting_has_effect(client, demo, login, person):
    complaint = complaint_create(
        actor=person("ll-councillor-1"),
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-1"),
        subject=person("ll-councillor-2"),
        summary="Rude in committee",
        details="x",
        informal_first=True,
    )
    assert complaint.chain.slug == "member-about-member" and not complaint.chain.informal_first
    assert complaint.informal_first is False
    login("ll-councillor-1")
    assert "Not offered by this procedure" in client.get(complaint.get_absolute_url()).content.decode()
