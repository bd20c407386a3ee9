from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles import services
from roles.models import Appointment, CommitteeMembership, Council, GroupMembership, InterestDeclaration, Office

from .factories import AppointmentFactory, CouncilFactory, OfficeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_appointment_cannot_end_before_it_starts_in_the_database():
    appointment = AppointmentFactory()
    appointment.end_date = date(2000, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment.save()


def test_appointment_service_refuses_end_before_start_and_writes_nothing():
    office = OfficeFactory()
    before = Appointment.objects.count()
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.appointment_create(
            actor=None,
            person=PersonFactory(),
            office=office,
            basis="employed",
            start_date=date(2025, 5, 1),
            end_date=date(2025, 4, 1),
        )
    assert Appointment.objects.count() == before


def test_single_holder_office_has_one_holder_at_a_time():
    office = OfficeFactory(multiple_holders=False, name="Town Clerk")
    first = services.appointment_create(
        actor=None, person=PersonFactory(), office=office, basis="employed", start_date=date(2024, 1, 1)
    )
    with pytest.raises(ValidationError, match="one holder at a time"):
        services.appointment_create(
            actor=None, person=PersonFactory(), office=office, basis="employed", start_date=date(2025, 1, 1)
        )
    assert Appointment.objects.filter(office=office).count() == 1
    services.appointment_end(actor=None, appointment=first, end_date=date(2024, 12, 31), reason="Retired")
    services.appointment_create(
        actor=None, person=PersonFactory(), office=office, basis="employed", start_date=date(2025, 1, 1)
    )
    assert Appointment.objects.filter(office=office).count() == 2


def test_multi_holder_office_takes_several_holders():
    office = OfficeFactory(multiple_holders=True)
    for _ in range(3):
        services.appointment_create(
            actor=None, person=PersonFactory(), office=office, basis="elected", start_date=date(2024, 5, 1)
        )
    assert Appointment.objects.current(date(2025, 1, 1)).filter(office=office).count() == 3


def test_a_person_may_hold_offices_in_several_councils():
    person = PersonFactory()
    for office in (OfficeFactory(), OfficeFactory()):
        services.appointment_create(
            actor=None, person=person, office=office, basis="elected", start_date=date(2024, 5, 1)
        )
    assert Council.objects.filter(offices__appointments__person=person).distinct().count() == 2


def test_reporting_line_must_stay_in_council_and_not_loop():
    a = OfficeFactory()
    b = OfficeFactory(council=a.council, reports_to=a)
    a.reports_to = b
    with pytest.raises(ValidationError, match="loop"):
        a.full_clean()
    other = OfficeFactory()
    b.reports_to = other
    with pytest.raises(ValidationError, match="same council"):
        b.full_clean()


def test_principal_council_must_be_principal_tier():
    parish = CouncilFactory(tier=Council.Tier.PARISH)
    town = CouncilFactory(tier=Council.Tier.TOWN, principal_council=parish)
    with pytest.raises(ValidationError, match="principal council must be"):
        town.full_clean()


def test_member_office_cannot_carry_statutory_flag():
    office = OfficeFactory.build(council=CouncilFactory(), kind=Office.Kind.MEMBER, is_monitoring_officer=True)
    with pytest.raises(ValidationError, match="Statutory officer roles"):
        office.full_clean()


def test_the_one_holder_rules_are_database_constraints_on_open_rows(demo, person):
    """Even a write that skips the services cannot give a group two open leaders or a committee two chairs."""
    leader = GroupMembership.objects.filter(role="leader", end_date__isnull=True).select_related("group").first()
    chair = CommitteeMembership.objects.filter(role="chair", end_date__isnull=True).first()
    held = Appointment.objects.filter(end_date__isnull=True).first()
    someone = person("ll-councillor-4")
    rows = [
        GroupMembership(group=leader.group, person=someone, role="leader", start_date=date(2025, 1, 1)),
        CommitteeMembership(committee=chair.committee, person=someone, role="chair", start_date=date(2025, 1, 1)),
        Appointment(office=held.office, person=held.person, basis="elected", start_date=date(2025, 1, 1)),
    ]
    for row in rows:
        with pytest.raises(IntegrityError), transaction.atomic():
            row.save()
    # An ended term does not count: the past leader and the current one coexist.
    past = GroupMembership(
        group=leader.group, person=someone, role="leader", start_date=date(2019, 1, 1), end_date=date(2019, 12, 31)
    )
    past.save()
    assert GroupMembership.objects.filter(group=leader.group, role="leader").count() == 2


def test_a_dated_record_cannot_end_before_it_starts(demo, person):
    with pytest.raises(IntegrityError), transaction.atomic():
        InterestDeclaration.objects.create(
            council=Council.objects.get(slug="tewkesbury"),
            member=person("tw-councillor-1"),
            category="dpi",
            description="Land",
            start_date=date(2025, 1, 1),
            end_date=date(2024, 1, 1),
        )
