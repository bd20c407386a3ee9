"""Who may see and act on Code of Conduct complaints and group briefings: one place for pages, API and services.

A conduct complaint is seen by those holding a django-guardian object grant: the complainant, whoever
logged it, the Monitoring Officer, the Independent Person, the member complained about once told, and the
hearing panel once it is referred to a hearing. The Monitoring Officer of the standards council sees every
case of that council and its town and parish councils. The member complained about never learns the
complainant's identity unless the complainant agreed (``complainant_visible``), on any page, API or history.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm

from roles.models import CommitteeMembership, Council, GroupMembership, Office, today
from roles.permissions import admin_council_ids

from .models import (
    BriefingOffer,
    ConductComplaint,
    ConductComplaintGroupObjectPermission,
    ConductComplaintUserObjectPermission,
    ConductEvent,
    Correspondence,
    CorrespondenceRecipient,
    GroupBriefing,
    GroupBriefingUserObjectPermission,
    WardEvent,
)
from .workflow import Actor

VIEW_PERM = "view_conductcomplaint"
BRIEFING_VIEW_PERM = "view_groupbriefing"


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _current(prefix: str = "") -> Q:
    on = today()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def own_monitoring_officer_council_ids(user: Any) -> set[int]:
    """Principal councils whose Monitoring Officer post the user holds (their standards cases)."""
    if not _signed_in(user):
        return set()
    cached = getattr(user, "_own_mo_council_ids", None)
    if cached is None:
        cached = set(
            Office.objects.filter(_current("appointments__"), is_monitoring_officer=True, appointments__person=user)
            .values_list("council_id", flat=True)
            .distinct()
        )
        user._own_mo_council_ids = cached
    return cached


def conduct_complaints_visible_to(user: Any) -> QuerySet[ConductComplaint]:
    if not _signed_in(user):
        return ConductComplaint.objects.none()
    view = {"permission__codename": VIEW_PERM, "permission__content_type__app_label": "standards"}
    ids = ConductComplaintUserObjectPermission.objects.filter(user=user, **view).values_list(
        "content_object_id", flat=True
    )
    ids = ids.union(
        ConductComplaintGroupObjectPermission.objects.filter(group__user=user, **view).values_list(
            "content_object_id", flat=True
        )
    )
    councils = own_monitoring_officer_council_ids(user)
    if councils:
        ids = ids.union(
            ConductComplaint.objects.filter(standards_council_id__in=councils).order_by().values_list("id", flat=True)
        )
    # The member complained about sees the case only once told (member_told_on set).
    return ConductComplaint.objects.filter(pk__in=ids).exclude(subject=user, member_told_on__isnull=True)


def conduct_complaints_history_visible_to(user: Any) -> QuerySet[ConductComplaint]:
    """The raw history names the complainant: not for the member unless the complainant agreed."""
    return conduct_complaints_visible_to(user).exclude(subject=user, complainant_may_be_named=False)


def conduct_events_visible_to(user: Any) -> QuerySet[ConductEvent]:
    return ConductEvent.objects.filter(complaint__in=conduct_complaints_history_visible_to(user).values("pk"))


def complainant_visible(user: Any, case: ConductComplaint) -> bool:
    """Whether ``user`` may learn who complained: everyone who sees the case but the member, unless agreed."""
    return case.complainant_may_be_named or not (_signed_in(user) and user.pk == case.subject_id)


def conduct_grant_view(*, case: ConductComplaint, person: Any) -> None:
    if person is None or not getattr(person, "pk", None):
        return
    if not ConductComplaintUserObjectPermission.objects.filter(
        user=person, content_object=case, permission__codename=VIEW_PERM
    ).exists():
        assign_perm(f"standards.{VIEW_PERM}", person, case)


def conduct_actor_roles(user: Any, case: ConductComplaint) -> set[str]:
    """The capacities in which ``user`` acts on the case (the member complained about has none)."""
    if not _signed_in(user) or user.pk == case.subject_id:
        return set()
    roles: set[str] = set()
    if case.monitoring_officer_id == user.pk or case.standards_council_id in own_monitoring_officer_council_ids(user):
        roles.add(Actor.MONITORING_OFFICER)
    if case.independent_person_id == user.pk:
        roles.add(Actor.INDEPENDENT_PERSON)
    if case.complainant_id == user.pk:
        roles.add(Actor.COMPLAINANT)
    if (
        case.hearing_committee_id
        and CommitteeMembership.objects.filter(_current(), committee_id=case.hearing_committee_id, person=user).exists()
    ):
        roles.add(Actor.PANEL)
    return roles


def conduct_check(user: Any, action: str, case: ConductComplaint) -> None:
    """``action``: ip_view (the Independent Person), member_consults_ip (the member, once told),
    investigate (investigator, report, draft: the Monitoring Officer), hearing (the Monitoring Officer)."""
    roles = conduct_actor_roles(user, case)
    if action == "ip_view" and Actor.INDEPENDENT_PERSON in roles:
        return
    if action == "member_consults_ip" and _signed_in(user) and user.pk == case.subject_id and case.member_told_on:
        return
    if action in {"investigate", "hearing"} and Actor.MONITORING_OFFICER in roles:
        return
    messages = {
        "ip_view": "Only the Independent Person appointed to this case can record their view.",
        "member_consults_ip": "Only the member complained about, once told, can record consulting the "
        "Independent Person.",
    }
    raise PermissionDenied(messages.get(action, "Only the Monitoring Officer can do this on this case."))


def conduct_log_check(user: Any, council: Council, complainant: Any) -> None:
    """Anyone signed in may complain in their own name; the MO and the council's administrators log for others."""
    if not _signed_in(user):
        raise PermissionDenied("Sign in to make a complaint.")
    if complainant is not None and complainant.pk == user.pk:
        return
    standards = council.principal_council_id or council.pk
    if standards in own_monitoring_officer_council_ids(user) or council.pk in admin_council_ids(user):
        return
    raise PermissionDenied(
        "Only the Monitoring Officer or the council's administrators can log a complaint for someone else."
    )


# --- public registers --------------------------------------------------------------------------


def registers_maintain_check(user: Any, council: Council) -> None:
    """The council's administrators or its Monitoring Officer keep the public registers."""
    from roles.permissions import monitoring_officer_council_ids

    if council.pk in admin_council_ids(user) | monitoring_officer_council_ids(user):
        return
    raise PermissionDenied("Only the council's administrators or its Monitoring Officer keep its registers.")


# --- group briefings ---------------------------------------------------------------------------


def group_briefings_visible_to(user: Any) -> QuerySet[GroupBriefing]:
    """A group's briefing stays with that group (CD 4.2(c)): its members, the decider and the MO see it."""
    if not _signed_in(user):
        return GroupBriefing.objects.none()
    from roles.permissions import monitoring_officer_council_ids

    groups = GroupMembership.objects.filter(_current(), person=user).values("group_id")
    granted = GroupBriefingUserObjectPermission.objects.filter(
        user=user, permission__codename=BRIEFING_VIEW_PERM
    ).values("content_object_id")
    councils = monitoring_officer_council_ids(user) | briefing_decider_council_ids(user)
    return GroupBriefing.objects.filter(
        Q(group_id__in=groups) | Q(pk__in=granted) | Q(council_id__in=councils) | Q(requested_by=user)
    )


def briefing_offers_visible_to(user: Any) -> QuerySet[BriefingOffer]:
    if not _signed_in(user):
        return BriefingOffer.objects.none()
    groups = GroupMembership.objects.filter(_current(), person=user).values("group_id")
    return BriefingOffer.objects.filter(Q(group_id__in=groups) | Q(briefing__in=group_briefings_visible_to(user)))


def briefing_decider_council_ids(user: Any) -> set[int]:
    """The Chief Executive / Executive Director (Head of Paid Service) decides on group requests."""
    if not _signed_in(user):
        return set()
    return set(
        Office.objects.filter(_current("appointments__"), is_head_of_paid_service=True, appointments__person=user)
        .values_list("council_id", flat=True)
        .distinct()
    )


def briefing_request_check(user: Any, group: Any) -> None:
    if (
        _signed_in(user)
        and GroupMembership.objects.filter(
            _current(), group=group, person=user, role__in=["leader", "deputy_leader"]
        ).exists()
    ):
        return
    raise PermissionDenied("Only the group's leader or deputy leader can ask for an officer at a group meeting.")


def briefing_decide_check(user: Any, briefing: GroupBriefing) -> None:
    if briefing.council_id in briefing_decider_council_ids(user):
        return
    raise PermissionDenied("Only the Chief Executive (Head of Paid Service) decides on group meeting requests.")


def briefing_grant_view(*, briefing: GroupBriefing, person: Any) -> None:
    assign_perm(f"standards.{BRIEFING_VIEW_PERM}", person, briefing)


# --- ward events and correspondence ------------------------------------------------------------


def ward_events_visible_to(user: Any) -> QuerySet[WardEvent]:
    # Public meetings and consultations are public matters: anyone signed in may read them.
    return WardEvent.objects.all() if _signed_in(user) else WardEvent.objects.none()


def ward_event_record_check(user: Any, council: Council) -> None:
    """Officers of the council (or its administrators) record events in wards."""
    if _signed_in(user) and (
        council.pk in admin_council_ids(user)
        or Office.objects.filter(
            _current("appointments__"), council=council, kind=Office.Kind.OFFICER, appointments__person=user
        ).exists()
    ):
        return
    raise PermissionDenied("Only the council's officers record meetings and consultations in its wards.")


def correspondence_visible_to(user: Any) -> QuerySet[Correspondence]:
    """The sender and every addressee; each sees the whole list of addressees (TW 4.1: no blind copies)."""
    if not _signed_in(user):
        return Correspondence.objects.none()
    addressed = CorrespondenceRecipient.objects.filter(person=user).values("correspondence_id")
    return Correspondence.objects.filter(Q(sender=user) | Q(pk__in=addressed))


def correspondence_recipients_visible_to(user: Any) -> QuerySet[CorrespondenceRecipient]:
    return CorrespondenceRecipient.objects.filter(correspondence__in=correspondence_visible_to(user).values("pk"))


def correspondence_send_check(user: Any, council: Council) -> None:
    from roles.selectors import person_holds_office_in

    if _signed_in(user) and person_holds_office_in(person=user, council=council):
        return
    raise PermissionDenied("Only people holding an office in this council record correspondence in it.")
