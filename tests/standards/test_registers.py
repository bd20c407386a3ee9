"""The public registers: no sign-in, and a sensitive interest's details on no public path (s32)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from roles.models import Council, InterestDeclaration, Person
from roles.services import interest_register

pytestmark = pytest.mark.django_db

SECRET = "Lives at 4 Hidden Lane"


@pytest.fixture
def registers(demo):
    council = Council.objects.get(slug="tewkesbury")
    clerk = Person.objects.get(username="tw-member-services-officer")
    public = interest_register(
        actor=clerk,
        declaration=InterestDeclaration(
            council=council,
            member=Person.objects.get(username="tw-councillor-5"),
            category="dpi",
            description="Shareholder in Abbey Mills plc",
            start_date=date(2024, 1, 5),
        ),
    )
    sensitive = interest_register(
        actor=clerk,
        declaration=InterestDeclaration(
            council=council,
            member=Person.objects.get(username="tw-councillor-6"),
            category="dpi",
            description=SECRET,
            matters="hidden lane",
            start_date=date(2024, 1, 6),
        ),
    )
    # Published first, then agreed to be sensitive: the earlier version must not leak through the history.
    sensitive.sensitive = True
    sensitive._change_reason = "The Monitoring Officer agreed the interest is sensitive (s32)"
    sensitive.save()
    return council, public, sensitive


def test_sensitive_interests_on_no_public_path(registers, client):
    council, public, sensitive = registers
    paths = [
        reverse("standards:interests", args=[council.slug]),
        reverse("standards:interests", args=[council.slug]) + "?format=csv",
        reverse("standards:interests", args=[council.slug]) + "?q=Hidden",
        reverse("standards:interests", args=[council.slug]) + "?q=Hidden&format=csv",
        reverse("standards:interests-history", args=[council.slug]),
        reverse("api-interest-register", args=[council.slug]),
        reverse("api-interest-register", args=[council.slug]) + "?q=Hidden",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert "Hidden Lane" not in text and "hidden lane" not in text.lower(), path
    page = client.get(paths[0]).content.decode()
    assert "Shareholder in Abbey Mills plc" in page and "Details withheld" in page
    assert str(sensitive.member) in page  # the register says the member has an interest, nothing more
    api = APIClient().get(paths[5]).json()
    withheld = [row for row in api if row["withheld"]]
    assert withheld and all(row["description"] is None for row in withheld)
    # A search for the withheld words finds nothing (a match would itself reveal them).
    assert "Details withheld" not in client.get(paths[2]).content.decode()


def test_private_categories_stay_off_the_public_register(demo, client):
    council = Council.objects.get(slug="tewkesbury")
    InterestDeclaration.objects.create(
        council=council,
        member=Person.objects.get(username="tw-councillor-5"),
        category="non_registrable",
        description="Friend of a planning applicant",
        start_date=date(2024, 1, 1),
    )
    assert (
        "Friend of a planning applicant"
        not in client.get(reverse("standards:interests", args=[council.slug])).content.decode()
    )


def test_acting_against_register_is_public(demo, client):
    body = APIClient().get(reverse("api-acting-against-register", args=["tewkesbury"])).json()
    assert any("planning appeal" in row["description"] and row["acting_party"] for row in body)
    page = client.get(reverse("standards:acting-against", args=["tewkesbury"]))
    assert page.status_code == 200 and "planning appeal" in page.content.decode()
    assert "Mythe Road" in client.get(reverse("standards:acting-against-history", args=["tewkesbury"])).content.decode()


def test_unknown_council_is_404(client):
    assert client.get(reverse("api-interest-register", args=["nowhere"])).status_code == 404
    assert client.get(reverse("standards:decision-notices", args=["nowhere"])).status_code == 404


def test_interest_reminder_before_28_days_run_out(demo, person):
    from datetime import timedelta

    from notifications.models import Notice
    from roles.models import Appointment, Office
    from roles.services import appointment_create
    from standards.services import interest_returns_remind

    newcomer = Person.objects.create_user("tw-new-member", password="x-pass-12345", first_name="New")
    office = Office.objects.get(council__slug="tewkesbury", slug="councillor")
    start = date.today() - timedelta(days=22)
    appointment_create(
        actor=None, person=newcomer, office=office, basis=Appointment.Basis.ELECTED, start_date=start, reason="Elected"
    )
    assert interest_returns_remind() == 1
    assert interest_returns_remind() == 0  # once per appointment
    notice = Notice.objects.get(recipient=newcomer, key__startswith="interests-due:")
    assert (start + timedelta(days=28)).strftime("%d %B %Y") in notice.subject


def test_the_monitoring_officer_keeps_the_register_too(demo, client, person):
    council = Council.objects.get(slug="peacehaven")
    url = reverse("roles:declaration-create", args=[council.slug, "interest"])
    client.force_login(person("ph-councillor-1"))
    assert client.get(url).status_code == 403
    client.force_login(person("ld-monitoring-officer"))  # Peacehaven's Monitoring Officer
    member = person("ph-councillor-3")
    response = client.post(
        url,
        {
            "member": member.pk,
            "category": "dpi",
            "description": "Owns a flat above the high street bakery",
            "start_date": "2026-01-05",
            "sensitive": "on",
            "change_reason": "Notified on election",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = InterestDeclaration.objects.get(member=member, council=council)
    assert entry.sensitive and entry.history.first().history_user.username == "ld-monitoring-officer"
    public = client.get(reverse("standards:interests", args=[council.slug])).content.decode()
    assert "bakery" not in public and str(member) in public
