"""Who may see and act on a complaint: one place for pages, API, services and the history page.

Seeing: the complainant, whoever logged it, current and past handlers, those a
step named to be told and a Monitoring Officer it was referred to (each holds a
django-guardian object grant), plus the council's administrators. The person
complained about never sees it, whatever else they are.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm

from roles.permissions import admin_council_ids, can_manage_council

from .models import (
    ChainStep,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintExtension,
    ComplaintGroupObjectPermission,
    ComplaintSettings,
    ComplaintStage,
    ComplaintUserObjectPermission,
    ConsentRequest,
    RemedyAction,
    RouteDecision,
    RoutingChain,
    StageResponse,
    StepNotice,
    SubjectComment,
)
from .workflow import COMPLAINT_LIFE, Actor

VIEW_PERM = "view_complaint"


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _visible_ids(user: Any) -> QuerySet[Any]:
    """The ids of the complaints the user may see (before excluding those about them)."""
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
    return ids


def complaints_visible_to(user: Any) -> QuerySet[Complaint]:
    if not _signed_in(user):
        return Complaint.objects.none()
    return Complaint.objects.filter(pk__in=_visible_ids(user)).exclude(subject=user)


# A list page reads the ids first when there are at most this many, then its rows by primary key.
LISTED_IDS_MAX = 5000


def complaints_listed_for(user: Any) -> QuerySet[Complaint]:
    """The same complaints as ``complaints_visible_to``, shaped for list pages at any data size.

    Joined as a subquery, PostgreSQL hash-joins the visible ids to a sequential scan of every
    complaint (124 ms for a clerk who sees 1,070 of 100,000, 12 ms to plan). Read first (one
    query of index lookups) and given as one array parameter (``in_array``), the list is a
    primary-key index lookup whose cost follows what the person sees, not the table. A portal administrator sees every complaint but
    those about them, which needs no id list at all.
    """
    if not _signed_in(user):
        return Complaint.objects.none()
    if user.is_superuser:
        return Complaint.objects.exclude(subject=user)
    ids = list(_visible_ids(user)[: LISTED_IDS_MAX + 1])
    if len(ids) > LISTED_IDS_MAX:  # a large share of the table: the subquery plan is the right one
        return complaints_visible_to(user)
    return Complaint.objects.filter(pk__in_array=ids).exclude(subject=user)


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
stage_responses_visible_to = _via_complaint(StageResponse)
complaint_extensions_visible_to = _via_complaint(ComplaintExtension)
remedy_actions_visible_to = _via_complaint(RemedyAction)


consent_requests_visible_to = _via_complaint(ConsentRequest)


def subject_comments_visible_to(user: Any) -> QuerySet[SubjectComment]:
    """Those who see the complaint see the reply; the subject sees their own invitation and reply."""
    if not _signed_in(user):
        return SubjectComment.objects.none()
    return SubjectComment.objects.filter(
        Q(complaint__in=complaints_visible_to(user).values("pk")) | Q(complaint__subject=user)
    )


def complaint_stages_visible_to(user: Any) -> QuerySet[ComplaintStage]:
    # A council's procedure is public to anyone signed in, like its routing chains.
    return ComplaintStage.objects.all() if _signed_in(user) else ComplaintStage.objects.none()


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
    if complaint.logged_by_id == user.pk and complaint.complainant_id != user.pk:
        roles.add(Actor.LOGGED_BY)
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
    own_pages = {"escalate_stage", "record_body_resolution"}  # made on the stage panel, with their own checks
    return list(dict.fromkeys(move.target for move in moves if move.name not in own_pages))


def complaint_stage_check(user: Any, action: str, complaint: Complaint) -> None:
    """``respond`` (the handler), ``extend`` (the handler or administrators), ``escalate`` (the complainant
    or whoever logged it for them; administrators on their behalf)."""
    roles = complaint_actor_roles(user, complaint)
    needed = {
        "respond": {Actor.HANDLER},
        "extend": {Actor.HANDLER, Actor.ADMINISTRATOR},
        "escalate": {Actor.COMPLAINANT, Actor.LOGGED_BY, Actor.ADMINISTRATOR},
    }[action]
    if not roles & needed:
        messages = {
            "respond": "Only the complaint's handler can respond to it.",
            "extend": "Only the handler or the council's administrators can extend the deadline.",
            "escalate": "Only the complainant, or whoever logged the complaint for them, can escalate it.",
        }
        raise PermissionDenied(messages[action])


def chain_manage_check(user: Any, council: Any) -> None:
    if not can_manage_council(user, council):
        raise PermissionDenied("Only this council's administrators can change its complaint routing.")


def route_preview_check(user: Any, council: Any, complainant: Any) -> None:
    """Anyone may preview their own complaint's route; administrators anyone's in their council."""
    if _signed_in(user) and (complainant.pk == user.pk or can_manage_council(user, council)):
        return
    raise PermissionDenied("Only the council's administrators can preview the route of someone else's complaint.")


def complaint_log_outsider_check(user: Any, council: Any) -> None:
    if can_manage_council(user, council):
        return
    raise PermissionDenied("Only the council's administrators can log a complaint for someone who holds no office.")


def complaint_log_check(user: Any, council: Any, complainant: Any) -> None:
    if _signed_in(user) and (complainant.pk == user.pk or can_manage_council(user, council)):
        return
    raise PermissionDenied("Only the council's administrators can log a complaint on someone else's behalf.")


def sees_declarations(user: Any, council: Any) -> bool:
    from roles.permissions import monitoring_officer_council_ids

    return council.pk in admin_council_ids(user) | monitoring_officer_council_ids(user)


def complaints_report_check(user: Any, council: Any) -> None:
    """The annual figures: the council's administrators, its Monitoring Officer, the member responsible."""
    from protocol_portal.core.workdays import today
    from roles.models import Office
    from roles.permissions import monitoring_officer_council_ids

    if _signed_in(user):
        if council.pk in admin_council_ids(user) | monitoring_officer_council_ids(user):
            return
        on = today()
        if (
            Office.objects.filter(
                council=council,
                is_complaints_member=True,
                appointments__person=user,
                appointments__start_date__lte=on,
            )
            .filter(Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gte=on))
            .exists()
        ):
            return
    raise PermissionDenied(
        "Only the council's administrators, its Monitoring Officer and the member responsible for complaints "
        "can see its complaint reports."
    )
