"""Who may see and act on a complaint: one place for pages, API, services and the history page.

Seeing: the complainant, whoever logged it, current and past handlers, those a
step named to be told and a Monitoring Officer it was referred to (each holds a
django-guardian object grant), plus the council's administrators. The person
complained about never sees it, whatever else they are.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from guardian.shortcuts import assign_perm

from roles.permissions import admin_council_ids, can_manage_council

from .models import (
    ChainStep,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintGroupObjectPermission,
    ComplaintSettings,
    ComplaintUserObjectPermission,
    RouteDecision,
    RoutingChain,
    StepNotice,
)
from .workflow import COMPLAINT_LIFE, Actor

VIEW_PERM = "view_complaint"


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def complaints_visible_to(user: Any) -> QuerySet[Complaint]:
    if not _signed_in(user):
        return Complaint.objects.none()
    # A direct join on our own permission tables: a model-wide grant never reveals every complaint.
    # The three sources are a UNION of index lookups, not an OR (an OR makes PostgreSQL scan every complaint).
    view = {"permission__codename": VIEW_PERM, "permission__content_type__app_label": "complaints"}
    granted = ComplaintUserObjectPermission.objects.filter(user=user, **view).values_list(
        "content_object_id", flat=True
    )
    group_granted = ComplaintGroupObjectPermission.objects.filter(group__user=user, **view).values_list(
        "content_object_id", flat=True
    )
    ids = granted.union(group_granted)
    councils = admin_council_ids(user)
    if councils:
        ids = ids.union(Complaint.objects.filter(council_id__in=councils).order_by().values_list("id", flat=True))
    return Complaint.objects.filter(pk__in=ids).exclude(subject=user)


def _via_complaint(model: Any) -> Any:
    def visible_to(user: Any) -> QuerySet:
        return model._default_manager.filter(complaint__in=complaints_visible_to(user).values("pk"))

    return visible_to


def route_decisions_visible_to(user: Any) -> QuerySet[RouteDecision]:
    """Route lines name declared relationships, so their raw history is for the register's readers only."""
    from roles.permissions import monitoring_officer_council_ids

    councils = admin_council_ids(user) | monitoring_officer_council_ids(user)
    return RouteDecision.objects.filter(
        complaint__in=complaints_visible_to(user).filter(council_id__in=councils).values("pk")
    )


complaint_events_visible_to = _via_complaint(ComplaintEvent)
complaint_attachments_visible_to = _via_complaint(ComplaintAttachment)


def chains_visible_to(user: Any) -> QuerySet[RoutingChain]:
    # The routes are part of each council's published protocol.
    return RoutingChain.objects.all() if _signed_in(user) else RoutingChain.objects.none()


def chain_steps_visible_to(user: Any) -> QuerySet[ChainStep]:
    return ChainStep.objects.all() if _signed_in(user) else ChainStep.objects.none()


def step_notices_visible_to(user: Any) -> QuerySet[StepNotice]:
    return StepNotice.objects.all() if _signed_in(user) else StepNotice.objects.none()


def complaint_settings_visible_to(user: Any) -> QuerySet[ComplaintSettings]:
    return ComplaintSettings.objects.all() if _signed_in(user) else ComplaintSettings.objects.none()


def complaint_grant_view(*, complaint: Complaint, person: Any) -> None:
    """Let ``person`` see the complaint (never the subject: the constraint is enforced on reading too)."""
    if person is None or person.pk == complaint.subject_id:
        return
    if not ComplaintUserObjectPermission.objects.filter(
        user=person, content_object=complaint, permission__codename=VIEW_PERM
    ).exists():
        assign_perm(f"complaints.{VIEW_PERM}", person, complaint)


def complaint_actor_roles(user: Any, complaint: Complaint) -> set[str]:
    """The capacities in which ``user`` may act on the complaint."""
    if not _signed_in(user) or user.pk == complaint.subject_id:
        return set()
    roles: set[str] = set()
    if complaint.handler_id == user.pk:
        roles.add(Actor.HANDLER)
    if complaint.council_id in admin_council_ids(user):
        roles.add(Actor.ADMINISTRATOR)
    if complaint.complainant_id == user.pk:
        roles.add(Actor.COMPLAINANT)
    if complaint.referred_to_id == user.pk:
        roles.add(Actor.MONITORING_OFFICER)
    return roles


def complaint_check(user: Any, action: str, complaint: Complaint) -> None:
    """``action``: record_action (handler or referred MO) or attach (parties, handler, administrators)."""
    roles = complaint_actor_roles(user, complaint)
    if action == "record_action" and roles & {Actor.HANDLER, Actor.MONITORING_OFFICER}:
        return
    if action == "attach" and (roles or (_signed_in(user) and complaint.logged_by_id == user.pk)):
        return
    raise PermissionDenied("You cannot do this on this complaint.")


def complaint_available_transitions(user: Any, complaint: Complaint) -> list[str]:
    """The states this person may move the complaint to now (guards and reasons are checked on the move)."""
    moves = COMPLAINT_LIFE.available(complaint.state, complaint_actor_roles(user, complaint))
    return list(dict.fromkeys(move.target for move in moves))


def chain_manage_check(user: Any, council: Any) -> None:
    if not can_manage_council(user, council):
        raise PermissionDenied("Only this council's administrators can change its complaint routing.")


def route_preview_check(user: Any, council: Any, complainant: Any) -> None:
    """Anyone may preview their own complaint's route; administrators anyone's in their council."""
    if _signed_in(user) and (complainant.pk == user.pk or can_manage_council(user, council)):
        return
    raise PermissionDenied("Only the council's administrators can preview the route of someone else's complaint.")


def complaint_log_check(user: Any, council: Any, complainant: Any) -> None:
    if _signed_in(user) and (complainant.pk == user.pk or can_manage_council(user, council)):
        return
    raise PermissionDenied("Only the council's administrators can log a complaint on someone else's behalf.")


def sees_declarations(user: Any, council: Any) -> bool:
    from roles.permissions import monitoring_officer_council_ids

    return council.pk in admin_council_ids(user) | monitoring_officer_council_ids(user)
