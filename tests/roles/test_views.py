from datetime import date

import pytest
from django.urls import reverse

from roles.models import Appointment, Office, RelationshipDeclaration

pytestmark = pytest.mark.django_db


def test_council_page_lists_offices_holders_and_vacancies(client, demo):
    Appointment.objects.filter(office__council__slug="peacehaven", office__slug="rfo").update(end_date=date(2025, 1, 1))
    response = client.get(reverse("roles:council-detail", args=["peacehaven"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Town Clerk" in content and "Vacant" in content
    assert "Lewes District Council" in content  # principal council and its Monitoring Officer


def test_council_page_has_fixed_query_count(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        client.get(reverse("roles:council-detail", args=["tewkesbury"]))


@pytest.mark.parametrize(
    ("username", "council", "status"),
    [
        ("ll-town-clerk", "leighton-linslade", 200),
        ("ll-town-clerk", "tewkesbury", 403),
        ("ll-councillor-1", "leighton-linslade", 403),
        ("tw-member-services-officer", "tewkesbury", 200),
        ("cd-head-of-corporate-resources", "cabinet-district", 200),
    ],
)
def test_only_the_councils_administrators_may_maintain_it(client, demo, login, username, council, status):
    login(username)
    assert client.get(reverse("roles:appointment-create", args=[council])).status_code == status
    assert client.get(reverse("roles:office-create", args=[council])).status_code == status


def test_anonymous_maintenance_redirects_to_sign_in(client, demo):
    response = client.get(reverse("roles:office-create", args=["leighton-linslade"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_clerk_appoints_and_history_records_them(client, demo, login, person):
    clerk = login("ll-town-clerk")
    office = Office.objects.get(council__slug="leighton-linslade", slug="officer")
    response = client.post(
        reverse("roles:appointment-create", args=["leighton-linslade"]),
        {
            "person": person("ll-councillor-1").pk,
            "office": office.pk,
            "basis": "consultant",
            "start_date": "2026-02-02",
            "note": "",
            "change_reason": "Consultant engaged",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(office=office, person__username="ll-councillor-1")
    record = appointment.history.latest()
    assert (record.history_user, record.history_change_reason) == (clerk, "Consultant engaged")


def test_bad_appointment_shows_error_summary_and_writes_nothing(client, demo, login, person):
    login("ll-town-clerk")
    office = Office.objects.get(council__slug="leighton-linslade", slug="town-clerk")
    before = Appointment.objects.count()
    response = client.post(
        reverse("roles:appointment-create", args=["leighton-linslade"]),
        {"person": person("ll-councillor-2").pk, "office": office.pk, "basis": "employed", "start_date": "2026-02-02"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "govuk-error-summary" in content and "one holder at a time" in content
    assert Appointment.objects.count() == before


def test_end_date_before_start_is_refused(client, demo, login):
    login("ll-town-clerk")
    appointment = Appointment.objects.get(person__username="ll-officer-1")
    response = client.post(
        reverse("roles:appointment-end", args=["leighton-linslade", appointment.pk]),
        {"end_date": "2000-01-01", "change_reason": "Left"},
    )
    assert response.status_code == 400 and "must be on or after the start date" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.end_date is None


def test_clerk_cannot_touch_another_councils_appointment(client, demo, login):
    login("ll-town-clerk")
    appointment = Appointment.objects.get(person__username="tw-officer-1")
    response = client.post(
        reverse("roles:appointment-end", args=["leighton-linslade", appointment.pk]),
        {"end_date": "2026-01-01", "change_reason": "x"},
    )
    assert response.status_code == 404


def test_clerk_adds_an_office_to_configure_a_council(client, demo, login):
    login("ki-clerk")
    response = client.post(
        reverse("roles:office-create", args=["kingsthorpe"]),
        {
            "name": "Assistant Clerk",
            "slug": "assistant-clerk",
            "kind": "officer",
            "management_level": "staff",
            "reports_to": Office.objects.get(council__slug="kingsthorpe", slug="clerk").pk,
            "sort_order": 60,
        },
    )
    assert response.status_code == 302
    assert Office.objects.get(council__slug="kingsthorpe", slug="assistant-clerk").reports_to.slug == "clerk"


def test_declaration_history_is_private(client, demo, login):
    declaration = RelationshipDeclaration.objects.get(member__username="ll-councillor-3")
    url = reverse("history", args=["roles.relationshipdeclaration", declaration.pk])
    login("ll-councillor-1")
    assert client.get(url).status_code == 404
    login("ll-town-clerk")
    assert client.get(url).status_code == 200


def test_home_shows_my_offices(client, demo, login):
    login("ll-councillor-1")
    content = client.get("/").content.decode()
    assert "Leighton-Linslade Town Council" in content and "Central Bedfordshire Council" in content


def test_password_reset_sends_email(client, demo, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "ll-town-clerk@demo.invalid"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "reset" in mailoutbox[0].body
