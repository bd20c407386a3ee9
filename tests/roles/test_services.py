from datetime import date

import pytest
from django.core.exceptions import ValidationError

from roles import services
from roles.models import (
    Committee,
    CommitteeMembership,
    GroupMembership,
    Office,
    PoliticalGroup,
    RelationshipDeclaration,
)
from roles.permissions import relationship_declarations_visible_to
from roles.selectors import people_closely_related_to

pytestmark = pytest.mark.django_db


def test_history_row_names_actor_and_reason(demo, person):
    clerk = person("ll-town-clerk")
    office = Office.objects.get(council__slug="leighton-linslade", slug="manager")
    appointment = services.appointment_create(
        actor=clerk,
        person=person("ll-officer-1"),
        office=office,
        basis="employed",
        start_date=date(2026, 1, 5),
        reason="Second post",
    )
    record = appointment.history.latest()
    assert record.history_user == clerk
    assert record.history_change_reason == "Second post"


def test_one_group_leader_at_a_time(demo, person):
    group = PoliticalGroup.objects.get(slug="riverside-independents")
    with pytest.raises(ValidationError, match="already Group Leader"):
        services.group_membership_save(
            actor=None,
            membership=GroupMembership(
                group=group, person=person("ll-councillor-4"), role="leader", start_date=date(2025, 1, 1)
            ),
        )


def test_one_committee_chair_at_a_time(demo, person):
    committee = Committee.objects.get(council__slug="kingsthorpe", slug="personnel-committee")
    count = CommitteeMembership.objects.count()
    with pytest.raises(ValidationError):
        services.committee_membership_save(
            actor=None,
            membership=CommitteeMembership(
                committee=committee, person=person("ki-councillor-3"), role="chair", start_date=date(2025, 1, 1)
            ),
        )
    assert CommitteeMembership.objects.count() == count


def test_declared_relationship_is_found_and_only_visible_to_those_concerned(demo, person):
    member, officer = person("ll-councillor-3"), person("ll-deputy-town-clerk")
    assert officer.pk in people_closely_related_to(person_ids=[member.pk])
    declaration = RelationshipDeclaration.objects.get(member=member)
    assert declaration in relationship_declarations_visible_to(member)
    assert declaration in relationship_declarations_visible_to(officer)
    assert declaration in relationship_declarations_visible_to(person("ll-town-clerk"))  # administrator
    assert declaration not in relationship_declarations_visible_to(person("ll-councillor-1"))
    assert declaration not in relationship_declarations_visible_to(person("tw-chief-executive"))


def test_ended_relationship_no_longer_counts(demo, person):
    member = person("ll-councillor-3")
    declaration = RelationshipDeclaration.objects.get(member=member)
    services.declaration_end(actor=None, declaration=declaration, end_date=date(2025, 1, 1), reason="Ended")
    assert people_closely_related_to(person_ids=[member.pk]) == set()
