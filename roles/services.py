"""Writes to councils, offices, appointments, memberships and declarations.

Every write validates first, runs in a transaction and leaves a history row
naming the actor and the reason. Views, the API, commands and loaders all come
through here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from guardian.shortcuts import assign_perm

from protocol_portal.core.audit import audited_save

from .models import (
    Appointment,
    CommitteeMembership,
    GroupMembership,
    InterestDeclaration,
    Office,
    Person,
    RelationshipDeclaration,
    new_session_salt,
)


def _overlapping(qs, start: date, end: date | None):  # type: ignore[no-untyped-def]
    """Rows of a dated queryset whose period overlaps [start, end]."""
    qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    return qs


def person_create(
    *,
    actor: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    display_name: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    reason: str = "Person added",
) -> Person:
    person = Person(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        display_name=display_name,
    )
    if password_hash:
        person.password = password_hash  # pre-hashed (demo loading hashes once for everyone)
    elif password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    with transaction.atomic():
        return audited_save(person, actor=actor, reason=reason)


def person_sign_out_everywhere(*, person: Person) -> None:
    """End every session and API token of ``person`` (lost device, shared computer)."""
    from knox.models import AuthToken

    with transaction.atomic():
        person.session_salt = new_session_salt()
        audited_save(person, actor=person, reason="Signed out everywhere", validate=False)
        AuthToken.objects.filter(user=person).delete()


def record_save(*, actor: Any, record: Any, reason: str) -> Any:
    """Validate and save a plain record (council, office, group, ward, committee)."""
    with transaction.atomic():
        return audited_save(record, actor=actor, reason=reason)


def appointment_create(
    *,
    actor: Any,
    person: Person,
    office: Office,
    basis: str,
    start_date: date,
    end_date: date | None = None,
    note: str = "",
    reason: str = "Appointed to office",
) -> Appointment:
    appointment = Appointment(
        person=person, office=office, basis=basis, start_date=start_date, end_date=end_date, note=note
    )
    with transaction.atomic():
        # Lock the office so two clerks cannot both fill a single-holder post at once.
        locked_office = Office.objects.select_for_update(of=("self",), no_key=True).get(pk=office.pk)
        appointment.full_clean(validate_constraints=False)
        _appointment_check_overlaps(appointment, locked_office)  # the clearer message, before the constraints'
        appointment.validate_constraints()
        return audited_save(appointment, actor=actor, reason=reason, validate=False)


def _appointment_check_overlaps(appointment: Appointment, office: Office) -> None:
    others = Appointment.objects.filter(office=office).exclude(pk=appointment.pk)
    if _overlapping(others.filter(person=appointment.person), appointment.start_date, appointment.end_date).exists():
        raise ValidationError("This person already holds this office for part of that period.")
    if not office.multiple_holders:
        clash = _overlapping(others, appointment.start_date, appointment.end_date).select_related("person").first()
        if clash is not None:
            raise ValidationError(
                f"{office.name} has one holder at a time and {clash.person} holds it from "
                f"{clash.start_date:%-d %B %Y}"
                + (f" to {clash.end_date:%-d %B %Y}" if clash.end_date else "")
                + ". End that appointment first."
            )


def appointment_end(*, actor: Any, appointment: Appointment, end_date: date, reason: str) -> Appointment:
    with transaction.atomic():
        locked = Appointment.objects.select_for_update(of=("self",), no_key=True).get(pk=appointment.pk)
        if locked.end_date is not None and locked.end_date <= end_date:
            raise ValidationError("This appointment has already ended.")
        locked.end_date = end_date
        return audited_save(locked, actor=actor, reason=reason)


def _membership_save(
    *, actor: Any, membership: Any, unique_roles: tuple[str, ...], parent_field: str, reason: str
) -> Any:
    with transaction.atomic():
        membership.full_clean(validate_constraints=False)  # the overlap checks below say it more clearly
        model = type(membership)
        parent_id = getattr(membership, f"{parent_field}_id")
        others = (
            model.objects.select_for_update(of=("self",), no_key=True)
            .filter(**{f"{parent_field}_id": parent_id})
            .exclude(pk=membership.pk)
        )
        if _overlapping(others.filter(person=membership.person), membership.start_date, membership.end_date).exists():
            raise ValidationError("This person is already a member for part of that period.")
        if getattr(membership, "role", None) in unique_roles:
            clash = _overlapping(
                others.filter(role=membership.role), membership.start_date, membership.end_date
            ).first()
            if clash is not None:
                raise ValidationError(
                    f"{clash.person} is already {membership.get_role_display()} for that period. End their role first."
                )
        membership.validate_constraints()
        return audited_save(membership, actor=actor, reason=reason, validate=False)


def group_membership_save(
    *, actor: Any, membership: GroupMembership, reason: str = "Group membership recorded"
) -> GroupMembership:
    return _membership_save(
        actor=actor,
        membership=membership,
        unique_roles=(GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY_LEADER),
        parent_field="group",
        reason=reason,
    )


def committee_membership_save(
    *, actor: Any, membership: CommitteeMembership, reason: str = "Committee membership recorded"
) -> CommitteeMembership:
    return _membership_save(
        actor=actor,
        membership=membership,
        unique_roles=(CommitteeMembership.Role.CHAIR, CommitteeMembership.Role.VICE_CHAIR),
        parent_field="committee",
        reason=reason,
    )


def ward_membership_save(*, actor: Any, membership: Any, reason: str = "Ward membership recorded") -> Any:
    return _membership_save(actor=actor, membership=membership, unique_roles=(), parent_field="ward", reason=reason)


def membership_end(*, actor: Any, membership: Any, end_date: date, reason: str) -> Any:
    with transaction.atomic():
        locked = type(membership).objects.select_for_update(of=("self",), no_key=True).get(pk=membership.pk)
        if locked.end_date is not None and locked.end_date <= end_date:
            raise ValidationError("This has already ended.")
        locked.end_date = end_date
        return audited_save(locked, actor=actor, reason=reason)


def relationship_declare(
    *,
    actor: Any,
    declaration: RelationshipDeclaration,
    reason: str = "Close personal relationship declared (LL 7.7)",
) -> RelationshipDeclaration:
    with transaction.atomic():
        audited_save(declaration, actor=actor, reason=reason)
        for person in (declaration.member, declaration.officer):
            if person.has_usable_password():
                assign_perm("roles.view_relationshipdeclaration", person, declaration)
    return declaration


def interest_register(
    *, actor: Any, declaration: InterestDeclaration, reason: str = "Interest registered"
) -> InterestDeclaration:
    with transaction.atomic():
        audited_save(declaration, actor=actor, reason=reason)
        if declaration.member.has_usable_password():
            assign_perm("roles.view_interestdeclaration", declaration.member, declaration)
    return declaration


def declaration_end(*, actor: Any, declaration: Any, end_date: date, reason: str) -> Any:
    return membership_end(actor=actor, membership=declaration, end_date=end_date, reason=reason)
