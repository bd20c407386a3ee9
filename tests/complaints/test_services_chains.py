"""Chains as data: the fixtures load idempotently, administrators edit them, a new council needs no code."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from complaints.loaders import load_chains
from complaints.models import ChainStep, RoutingChain, StepNotice
from complaints.services import chain_save, complaint_create, step_delete, step_save
from roles.models import Appointment, Council, Office
from tests.roles.factories import AppointmentFactory, CouncilFactory, OfficeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_every_council_of_the_domain_has_both_chains(demo):
    for slug in ["leighton-linslade", "kingsthorpe", "peacehaven", "cabinet-district", "tewkesbury"]:
        kinds = set(RoutingChain.objects.filter(council__slug=slug, active=True).values_list("kind", flat=True))
        assert kinds == {"member_about_officer", "officer_about_member", "member_about_member", "other"}, slug
        assert RoutingChain.objects.filter(council__slug=slug, active=True, is_fallback=True).count() == 1


def test_second_load_changes_nothing(demo):
    counts = (RoutingChain.history.count(), ChainStep.history.count(), StepNotice.history.count())
    tally = load_chains(stdout=io.StringIO())
    assert (tally.created, tally.updated) == (0, 0)
    call_command("load_demo", verbosity=0)
    assert (RoutingChain.history.count(), ChainStep.history.count(), StepNotice.history.count()) == counts


def test_step_in_an_unrelated_council_is_refused(demo, person):
    chain = RoutingChain.objects.get(council__code="ll", kind="member_about_officer")
    step = ChainStep(
        chain=chain,
        position=3,
        rule="office",
        label="x",
        office=Office.objects.get(council__code="tw", slug="chief-executive"),
    )
    with pytest.raises(ValidationError) as excinfo:
        step_save(actor=person("ll-town-clerk"), step=step)
    assert "office" in excinfo.value.message_dict


def test_only_the_councils_administrators_edit_its_chains(demo, person):
    chain = RoutingChain.objects.get(council__code="ll", kind="member_about_officer")
    chain.name = "Changed"
    with pytest.raises(PermissionDenied):
        chain_save(actor=person("tw-member-services-officer"), chain=chain)


def test_two_active_chains_of_one_kind_are_refused(demo, person):
    council = Council.objects.get(code="ll")
    duplicate = RoutingChain(council=council, kind="member_about_officer", name="Second", slug="second")
    with pytest.raises(ValidationError):
        chain_save(actor=person("ll-town-clerk"), chain=duplicate)


def test_a_step_handling_complaints_cannot_be_removed(demo, person):
    step = ChainStep.objects.get(chain__council__code="ll", chain__kind="member_about_officer", position=1)
    with pytest.raises(ValidationError):
        step_delete(actor=person("ll-town-clerk"), step=step)  # the demo complaint is with the Town Clerk


def test_a_sixth_council_is_configured_without_code(db):
    council = CouncilFactory(name="Sixth Parish Council", slug="sixth", code="sx")
    clerk_office = OfficeFactory(
        council=council, slug="clerk", name="Clerk", is_administrator=True, management_level="head_of_paid_service"
    )
    officer_office = OfficeFactory(council=council, slug="officer", name="Assistant", reports_to=clerk_office)
    chair_office = OfficeFactory(
        council=council, slug="chair", name="Chair", kind="member", is_chair_of_council=True, management_level="none"
    )
    member_office = OfficeFactory(
        council=council, slug="councillor", name="Councillor", kind="member", management_level="none"
    )
    clerk = AppointmentFactory(office=clerk_office).person
    officer = AppointmentFactory(office=officer_office).person
    chair = AppointmentFactory(office=chair_office).person
    member = AppointmentFactory(office=member_office).person
    chain = chain_save(
        actor=clerk, chain=RoutingChain(council=council, kind="member_about_officer", name="Ours", slug="ours")
    )
    step_save(actor=clerk, step=ChainStep(chain=chain, position=1, rule="subject_line_manager", label="line manager"))
    step_save(
        actor=clerk,
        step=ChainStep(chain=chain, position=2, rule="office_flag", flag="is_chair_of_council", label="the Chair"),
    )
    about_officer = complaint_create(
        actor=member, council=council, complainant=member, subject=officer, summary="s", details="d"
    )
    about_clerk = complaint_create(
        actor=member, council=council, complainant=member, subject=clerk, summary="s", details="d"
    )
    assert about_officer.handler == clerk and about_clerk.handler == chair
    assert Appointment.objects.filter(office__council=council).count() == 4
    assert PersonFactory  # factories shared with the roles tests
