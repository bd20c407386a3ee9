"""Every chain of DOMAIN.md routes as its protocol says, with conflict skips from the demo declarations."""

import pytest

from complaints.models import RouteDecision
from complaints.routing import route_resolve
from complaints.selectors import complaint_parties_resolve
from roles.models import Appointment, Council, Person

from .conftest import handler_of

pytestmark = pytest.mark.django_db
Outcome = RouteDecision.Outcome


@pytest.mark.parametrize(
    ("code", "complainant", "subject", "handler", "chain_kind"),
    [
        # LL 8.7: officer -> Town Clerk; about the Town Clerk -> Town Mayor.
        ("ll", "ll-councillor-1", "ll-officer-1", "ll-town-clerk", "member_about_officer"),
        ("ll", "ll-councillor-1", "ll-town-clerk", "ll-town-mayor", "member_about_officer"),
        # LL 5 (end): an officer's complaint about a councillor, Personal Harassment Policy route (line manager first).
        ("ll", "ll-officer-1", "ll-councillor-1", "ll-manager-1", "officer_about_member"),
        # KI 4.4: the Clerk handles (the Chair is told); about the Clerk -> the personnel committee (KI 4.2).
        ("ki", "ki-councillor-1", "ki-officer-1", "ki-clerk", "member_about_officer"),
        ("ki", "ki-councillor-3", "ki-clerk", "ki-vice-chair", "member_about_officer"),
        # KI 4.1-4.3: the Clerk's grievance about a councillor -> the personnel committee.
        ("ki", "ki-clerk", "ki-councillor-3", "ki-vice-chair", "officer_about_member"),
        ("ki", "ki-officer-1", "ki-councillor-3", "ki-clerk", "officer_about_member"),
        # PH: disciplinary (member about officer) and grievance (officer about member) via the Town Clerk.
        ("ph", "ph-councillor-1", "ph-officer-1", "ph-town-clerk", "member_about_officer"),
        ("ph", "ph-officer-1", "ph-councillor-3", "ph-town-clerk", "officer_about_member"),
        ("ph", "ph-councillor-3", "ph-town-clerk", "ph-deputy-town-mayor", "member_about_officer"),
        # CD 5.2: officer -> head of service -> Executive Director -> Head of Corporate Resources.
        ("cd", "cd-councillor-1", "cd-planning-officer-1", "cd-head-of-planning", "member_about_officer"),
        ("cd", "cd-councillor-1", "cd-head-of-planning", "cd-executive-director", "member_about_officer"),
        ("cd", "cd-councillor-1", "cd-executive-director", "cd-head-of-corporate-resources", "member_about_officer"),
        # CD 5.1: conciliation by an appropriate senior manager of the officer.
        ("cd", "cd-planning-officer-1", "cd-councillor-3", "cd-head-of-planning", "officer_about_member"),
        # TW 2.25: employee -> Chief Officer -> Chief Executive -> Monitoring Officer.
        ("tw", "tw-councillor-1", "tw-officer-1", "tw-director", "member_about_officer"),
        ("tw", "tw-councillor-1", "tw-director", "tw-chief-executive", "member_about_officer"),
        ("tw", "tw-councillor-1", "tw-chief-executive", "tw-monitoring-officer", "member_about_officer"),
        # TW 2.26: a Senior Officer in the officer's directorate.
        ("tw", "tw-officer-1", "tw-councillor-5", "tw-senior-officer", "officer_about_member"),
    ],
)
def test_every_chain_routes_as_its_protocol_says(route_for, code, complainant, subject, handler, chain_kind):
    route = route_for(code, complainant, subject)
    assert route.chain.kind == chain_kind
    assert handler_of(route) == handler


def test_ki_clerk_step_tells_the_chair(route_for):
    route = route_for("ki", "ki-councillor-1", "ki-officer-1")
    assert [d.holder.username for d in route.told] == ["ki-chair"]


def test_tw_senior_officer_acts_through_the_associate_director(route_for):
    route = route_for("tw", "tw-officer-1", "tw-councillor-5")
    assert [d.holder.username for d in route.told] == ["tw-associate-director"]


def test_skips_are_explained_step_by_step(route_for):
    route = route_for("tw", "tw-councillor-1", "tw-chief-executive")
    assert [(d.position, d.outcome) for d in route.decisions] == [
        (1, Outcome.SKIPPED_SUBJECT),
        (2, Outcome.SKIPPED_SUBJECT),
        (3, Outcome.TAKEN),
    ]
    assert "is the person complained about" in route.decisions[0].why


@pytest.mark.parametrize(
    ("code", "complainant", "subject", "skipped", "handler"),
    [
        # TW: tw-councillor-4 is a friend of the Director, who would otherwise handle it.
        ("tw", "tw-councillor-4", "tw-officer-1", "tw-director", "tw-chief-executive"),
        # CD: cd-councillor-2 is the partner of the Head of Planning.
        ("cd", "cd-councillor-2", "cd-planning-officer-1", "cd-head-of-planning", "cd-executive-director"),
    ],
)
def test_declared_relationship_with_the_complainant_skips_the_step(
    route_for, code, complainant, subject, skipped, handler
):
    route = route_for(code, complainant, subject)
    first = route.decisions[0]
    assert (first.outcome, first.holder.username) == (Outcome.SKIPPED_RELATED, skipped)
    assert "declared close relationship" in first.why
    assert "conflict of interest" in first.public_why() and "relationship" not in first.public_why()
    assert handler_of(route) == handler


def test_declared_relationship_with_the_subject_skips_the_step(route_for):
    # ll-councillor-3 is related to ll-deputy-town-clerk: an officer's complaint about ll-councillor-3
    # whose line manager is the Deputy Town Clerk passes over them.
    route = route_for("ll", "ll-manager-1", "ll-councillor-3")
    assert (route.decisions[0].outcome, route.decisions[0].holder.username) == (
        Outcome.SKIPPED_RELATED,
        "ll-deputy-town-clerk",
    )
    assert handler_of(route) == "ll-town-clerk"


def test_vacant_office_passes_to_the_next_step_and_says_so(route_for):
    Appointment.objects.filter(office__council__code="ll", office__slug="town-clerk").delete()
    route = route_for("ll", "ll-councillor-1", "ll-officer-1")
    assert route.decisions[0].outcome == Outcome.VACANT
    assert "vacant" in route.decisions[0].why
    # LL 8.7 gives the Town Mayor only complaints about the Town Clerk: an ordinary officer's stays unrouted.
    assert route.decisions[1].outcome == Outcome.NOT_APPLICABLE
    assert handler_of(route) is None


def test_mayor_step_applies_only_when_the_subject_is_the_town_clerk(route_for):
    route = route_for("ll", "ll-councillor-1", "ll-town-clerk")
    assert [d.outcome for d in route.decisions] == [Outcome.SKIPPED_SUBJECT, Outcome.TAKEN]
    assert handler_of(route) == "ll-town-mayor"


def test_group_leader_complained_about_goes_to_the_deputy(demo):
    council = Council.objects.get(code="tw")
    parties = complaint_parties_resolve(
        council=council,
        complainant=Person.objects.get(username="tw-officer-1"),
        subject=Person.objects.get(username="tw-councillor-3"),  # leader of the Severn Vale Alliance
    )
    senior = Person.objects.get(username="tw-senior-officer")
    route = route_resolve(
        chain=parties.chain,
        complainant=parties.complainant,
        complainant_office=parties.complainant_office,
        subject=parties.subject,
        subject_office=parties.subject_office,
        after_position=1,
        past_handler_ids={senior.pk},
    )
    assert [(d.position, d.outcome) for d in route.decisions] == [(2, Outcome.SKIPPED_SUBJECT), (3, Outcome.TAKEN)]
    assert handler_of(route) == "tw-councillor-4"


def test_cd_upheld_step_tells_leader_group_leader_and_audit_chairs(demo):
    council = Council.objects.get(code="cd")
    parties = complaint_parties_resolve(
        council=council,
        complainant=Person.objects.get(username="cd-planning-officer-1"),
        subject=Person.objects.get(username="cd-councillor-4"),  # Vale Independents, Audit and Ethics vice-chair
    )
    route = route_resolve(
        chain=parties.chain,
        complainant=parties.complainant,
        complainant_office=parties.complainant_office,
        subject=parties.subject,
        subject_office=parties.subject_office,
        after_position=1,
    )
    assert handler_of(route) == "cd-executive-director"
    told = {d.holder.username for d in route.told}
    assert told == {"cd-leader", "cd-councillor-2", "cd-councillor-3"}
    # The subject is the vice-chair of Audit and Ethics: never told of a complaint about themselves.
    assert any(d.outcome == Outcome.SKIPPED_SUBJECT and d.holder.username == "cd-councillor-4" for d in route.decisions)


def test_a_four_step_chain_with_conflict_checks_takes_few_queries(demo, django_assert_max_num_queries):
    from complaints.models import ChainStep, RoutingChain, StepNotice

    council = Council.objects.get(code="tw")
    chain = RoutingChain.objects.get(council=council, kind="member_about_officer")
    ChainStep.objects.create(chain=chain, position=4, rule="office_flag", flag="is_chair_of_council", label="the Mayor")
    step = ChainStep.objects.get(chain=chain, position=1)
    StepNotice.objects.create(
        step=step,
        rule="committee",
        committee=council.committees.get(slug="audit-and-governance"),
        role="chair",
        label="the chair of Audit and Governance",
    )
    StepNotice.objects.create(step=step, rule="subject_line_manager", label="the line manager")
    complainant = Person.objects.get(username="tw-councillor-4")
    subject = Person.objects.get(username="tw-chief-executive")
    parties = complaint_parties_resolve(council=council, complainant=complainant, subject=subject)
    chain = RoutingChain.objects.select_related("council").get(pk=chain.pk)
    with django_assert_max_num_queries(14):
        route = route_resolve(
            chain=chain,
            complainant=complainant,
            complainant_office=parties.complainant_office,
            subject=subject,
            subject_office=parties.subject_office,
        )
    assert handler_of(route) == "tw-monitoring-officer"
