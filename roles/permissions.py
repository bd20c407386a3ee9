"""Who may see and change what in the roles app: one place, used by pages, API and services.

Council structure (offices, holders, groups, wards, committees) is public
information. Declarations are private: the people declared, the council's
administrators and its Monitoring Officer see them, plus explicit object grants.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from .models import Council, InterestDeclaration, Office, Person, RelationshipDeclaration, today


def _is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def admin_council_ids(user: Any) -> set[int]:
    """Councils whose records the user maintains (holders of an administrator office)."""
    if not _is_signed_in(user):
        return set()
    if user.is_superuser:
        return set(Council.objects.values_list("id", flat=True))
    cached = getattr(user, "_admin_council_ids", None)
    if cached is None:
        on = today()
        cached = set(
            Office.objects.filter(
                Q(is_administrator=True),
                Q(appointments__person=user),
                Q(appointments__start_date__lte=on),
                Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=on),
            ).values_list("council_id", flat=True)
        )
        user._admin_council_ids = cached
    return cached


def monitoring_officer_council_ids(user: Any) -> set[int]:
    """Councils for which the user is (or acts as) Monitoring Officer: their own and local councils."""
    if not _is_signed_in(user):
        return set()
    cached = getattr(user, "_mo_council_ids", None)
    if cached is None:
        on = today()
        own = set(
            Office.objects.filter(
                Q(is_monitoring_officer=True),
                Q(appointments__person=user),
                Q(appointments__start_date__lte=on),
                Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=on),
            ).values_list("council_id", flat=True)
        )
        local = set(Council.objects.filter(principal_council_id__in=own).values_list("id", flat=True))
        local -= set(
            Office.objects.filter(council_id__in=local, is_monitoring_officer=True).values_list("council_id", flat=True)
        )
        cached = own | local
        user._mo_council_ids = cached
    return cached


def can_manage_council(user: Any, council: Council) -> bool:
    return council.pk in admin_council_ids(user)


def council_manage_check(user: Any, council: Council) -> None:
    if not can_manage_council(user, council):
        raise PermissionDenied("Only this council's administrators can change its records.")


def can_keep_interest_register(user: Any, council: Council) -> bool:
    """The register of interests is kept by the council's administrators or its Monitoring Officer (s29)."""
    return council.pk in admin_council_ids(user) | monitoring_officer_council_ids(user)


def interest_register_check(user: Any, council: Council) -> None:
    if not can_keep_interest_register(user, council):
        raise PermissionDenied(
            "Only the council's administrators or its Monitoring Officer keep its register of interests."
        )


def public_records_visible_to(model: type[Model]) -> Callable[[Any], QuerySet]:
    def visible_to(user: Any) -> QuerySet:
        return model._default_manager.all()

    return visible_to


def people_visible_to(user: Any) -> QuerySet[Person]:
    return Person.objects.all() if _is_signed_in(user) else Person.objects.none()


def _declarations_visible_to(user: Any, model: type[Model], perm: str, own: Q) -> QuerySet:
    if not _is_signed_in(user):
        return model._default_manager.none()
    councils = admin_council_ids(user) | monitoring_officer_council_ids(user)
    granted = get_objects_for_user(user, perm, klass=model, accept_global_perms=False)
    return model._default_manager.filter(own | Q(council_id__in=councils) | Q(pk__in=granted.values("pk")))


def relationship_declarations_visible_to(user: Any) -> QuerySet[RelationshipDeclaration]:
    own = Q(member=user) | Q(officer=user) if _is_signed_in(user) else Q(pk__in=[])
    return _declarations_visible_to(user, RelationshipDeclaration, "roles.view_relationshipdeclaration", own)


def interest_declarations_visible_to(user: Any) -> QuerySet[InterestDeclaration]:
    own = Q(member=user) if _is_signed_in(user) else Q(pk__in=[])
    return _declarations_visible_to(user, InterestDeclaration, "roles.view_interestdeclaration", own)
