"""Pages: logging through the form, the dry run, lists with filters, fixed query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import Complaint, RoutingChain
from complaints.services import complaint_create
from roles.models import Council, Person

from .factories import adopted_clause

pytestmark = pytest.mark.django_db


def form_data(person, **extra):  # type: ignore[no-untyped-def]
    return {
        "complainant": person("ll-councillor-1").pk,
        "subject": person("ll-officer-1").pk,
        "channel": "phone",
        "received_on": "2026-01-05",
        "summary": "Rude on the telephone",
        "details": "The officer hung up on me.",
        "informal_first": "on",
        **extra,
    }


def test_clerk_logs_a_complaint_through_the_form(client, demo, login, person):
    clause = adopted_clause(Council.objects.get(code="ll"))
    login("ll-town-clerk")
    upload = SimpleUploadedFile("call-notes.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        reverse("complaints:create", args=["leighton-linslade"]),
        form_data(person, expectations=[clause.pk], attachments=[upload]),
    )
    complaint = Complaint.objects.get(summary="Rude on the telephone")
    assert response.status_code == 302 and response["Location"] == complaint.get_absolute_url()
    assert complaint.handler.username == "ll-town-clerk" and complaint.channel == "phone"
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "the Town Clerk" in page and "call-notes.pdf" in page and clause.text in page


def test_form_errors_are_shown_and_nothing_is_written(client, demo, login, person):
    login("ll-town-clerk")
    before = Complaint.objects.count()
    response = client.post(
        reverse("complaints:create", args=["leighton-linslade"]),
        form_data(person, subject=person("ll-councillor-1").pk),
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert "cannot be about the person making it" in response.content.decode()
    assert Complaint.objects.count() == before


def test_councillor_can_only_log_their_own(client, demo, login, person):
    login("ll-councillor-1")
    response = client.get(reverse("complaints:create", args=["leighton-linslade"]))
    choices = list(response.context["form"].fields["complainant"].queryset)
    assert choices == [person("ll-councillor-1")]


def test_dry_run_page_explains_each_step(client, demo, login, person):
    login("tw-member-services-officer")
    response = client.get(
        reverse("complaints:route-preview", args=["tewkesbury"]),
        {"complainant": person("tw-councillor-4").pk, "subject": person("tw-officer-1").pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "declared close relationship" in page  # an administrator reads the register
    assert "Chief Executive" in page
    assert Complaint.objects.filter(subject__username="tw-officer-1").count() == 0  # writes nothing


def test_dry_run_for_non_administrators_hides_the_relationship(client, demo, login, person):
    login("tw-councillor-4")
    response = client.get(
        reverse("complaints:route-preview", args=["tewkesbury"]),
        {"complainant": person("tw-councillor-4").pk, "subject": person("tw-officer-1").pk},
    )
    page = response.content.decode()
    assert "declared conflict of interest" in page and "close relationship" not in page


def test_list_filters_assigned_logged_and_overdue(client, demo, login, person):
    clerk = login("ll-town-clerk")
    complaint_create(
        actor=clerk,
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-3"),
        subject=person("ll-officer-1"),
        summary="Old complaint",
        details="Long ago.",
        received_on=__import__("datetime").date(2025, 1, 6),
    )
    url = reverse("complaints:list")
    assert "Old complaint" in client.get(url, {"scope": "assigned"}).content.decode()
    assert "Old complaint" in client.get(url, {"scope": "overdue"}).content.decode()
    assert "Old complaint" not in client.get(url, {"scope": "overdue", "state": "closed"}).content.decode()
    assert "Old complaint" in client.get(url, {"council": "leighton-linslade", "q": "old"}).content.decode()


def test_list_and_detail_run_a_fixed_number_of_queries(client, demo, login, person, django_assert_max_num_queries):
    clerk = login("ll-town-clerk")
    council = Council.objects.get(code="ll")
    for n in range(6):
        complaint_create(
            actor=clerk,
            council=council,
            complainant=person("ll-councillor-2"),
            subject=person("ll-officer-1"),
            summary=f"Complaint {n}",
            details="Details.",
        )
    complaint = Complaint.objects.filter(council=council).first()
    # 21: the list reads its visible ids first, then a page of rows and their complainants, subjects, handlers,
    # councils and offices by key (one query each), and the table's count
    with django_assert_max_num_queries(21):
        assert client.get(reverse("complaints:list")).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(complaint.get_absolute_url()).status_code == 200


def test_transition_form_refuses_a_stale_page(client, demo, login, person):
    clerk = login("ll-town-clerk")
    complaint = complaint_create(
        actor=clerk,
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-2"),
        subject=person("ll-officer-1"),
        summary="Stale",
        details="x",
    )
    url = reverse("complaints:transition", args=[complaint.pk])
    assert client.post(url, {"to": "acknowledged", "reason": "", "expected_state": "received"}).status_code == 302
    response = client.post(url, {"to": "informal_resolution", "reason": "Talk", "expected_state": "received"})
    assert "Someone else changed this complaint" in response.content.decode()


def test_administrator_edits_a_chain_and_routing_follows(client, demo, login, person):
    login("ll-town-clerk")
    chain = RoutingChain.objects.get(council__code="ll", kind="member_about_officer")
    deputy = chain.council.offices.get(slug="deputy-town-clerk")
    response = client.post(
        reverse("complaints:step-create", args=["leighton-linslade", chain.slug]),
        {
            "position": 1,
            "label": "the Deputy Town Clerk",
            "rule": "office",
            "office": deputy.pk,
            "change_reason": "Policy",
        },
    )
    assert response.status_code == 302
    assert list(chain.steps.values_list("label", flat=True)) == [
        "the Deputy Town Clerk",
        "the Town Clerk",
        "the Town Mayor (the officer is the Town Clerk)",
    ]
    response = client.get(
        reverse("complaints:route-preview", args=["leighton-linslade"]),
        {"complainant": person("ll-councillor-1").pk, "subject": person("ll-officer-1").pk},
    )
    assert response.context["route"].handler_decision.holder.username == "ll-deputy-town-clerk"


def test_step_of_another_council_cannot_be_chosen(client, demo, login):
    login("ll-town-clerk")
    chain = RoutingChain.objects.get(council__code="ll", kind="member_about_officer")
    tw_office = Person.objects.get(username="tw-chief-executive").appointments.first().office
    response = client.post(
        reverse("complaints:step-create", args=["leighton-linslade", chain.slug]),
        {"position": 3, "label": "x", "rule": "office", "office": tw_office.pk},
    )
    assert response.status_code == 400 and chain.steps.count() == 2


def test_administrator_changes_deadlines(client, demo, login):
    login("ll-town-clerk")
    response = client.post(
        reverse("complaints:settings", args=["leighton-linslade"]),
        {"remind_before": 1, "change_reason": "Council resolution"},
    )
    assert response.status_code == 302
    settings = Council.objects.get(code="ll").complaint_settings
    assert (settings.remind_before, settings.escalate_when_overdue) == (1, False)
    assert settings.history.first().history_change_reason == "Council resolution"
