"""Who may see and do what with documents and information-access requests: one place.

Policy (docs/access_requests.md):
- Document *metadata* (title, classification, meeting) is visible to people holding any
  office in the document's council, to its Monitoring Officer, and to grantees.
- Document *content*: public documents to those same people; exempt or confidential
  content only to holders of the owner office, the council's administrators and its
  Monitoring Officer, or under a live grant whose undertaking has been accepted.
- Requests: the requester (and whoever entered it), the officers entitled to decide it,
  and, once referred, the Monitoring Officer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from protocol_portal.core.workdays import today
from roles.models import Appointment, Council, Office
from roles.permissions import admin_council_ids, monitoring_officer_council_ids
from roles.selectors import council_monitoring_officers, offices_held_by, people_closely_related_to, people_holding

from .life import ACCESS_REQUEST_LIFE, ACTION_MOVES, Party
from .models import AccessLogEntry, AccessPolicy, AccessRequest, AccessRule, Document, Grant, State

DEFAULT_DECIDER_LEVELS = ("head_of_paid_service", "chief_officer")
REFERRED_STATES = (State.REFERRED, State.DETERMINED_GRANTED, State.DETERMINED_REFUSED)
# The Monitoring Officer sees disputes and every grant in force (they may revoke one).
MO_VISIBLE_STATES = (*REFERRED_STATES, State.GRANTED, State.PARTIAL)


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _current_offices(user: Any) -> list[Office]:
    """The user's current offices, cached on the user for the request."""
    cached = getattr(user, "_access_offices", None)
    if cached is None:
        cached = list(offices_held_by(person=user).distinct())
        user._access_offices = cached
    return cached


def office_council_ids(user: Any) -> set[int]:
    return {o.council_id for o in _current_offices(user)} if _signed_in(user) else set()


def owned_office_ids(user: Any) -> set[int]:
    return {o.pk for o in _current_offices(user)} if _signed_in(user) else set()


def decider_council_ids(user: Any) -> set[int]:
    """Councils where the user may decide any request: administrators and the policy's senior levels."""
    if not _signed_in(user):
        return set()
    officer_offices = [o for o in _current_offices(user) if o.kind == Office.Kind.OFFICER]
    levels_by_council = {
        p.council_id: set(p.decider_level_list())
        for p in AccessPolicy.objects.filter(council_id__in={o.council_id for o in officer_offices})
    }
    ids = {
        o.council_id
        for o in officer_offices
        if o.management_level in levels_by_council.get(o.council_id, set(DEFAULT_DECIDER_LEVELS))
    }
    return ids | admin_council_ids(user)


def content_council_ids(user: Any) -> set[int]:
    """Councils all of whose documents' content the user may read (administrators, Monitoring Officer)."""
    return admin_council_ids(user) | monitoring_officer_council_ids(user)


# Documents -------------------------------------------------------------------------------------


def _granted_document_ids(user: Any, perm: str) -> QuerySet:
    return get_objects_for_user(user, perm, klass=Document, accept_global_perms=False).values("pk")


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """Documents whose metadata the user may see."""
    if not _signed_in(user):
        return Document.objects.none()
    councils = office_council_ids(user) | content_council_ids(user)
    granted = _granted_document_ids(user, "access_requests.inspect_document")
    return Document.objects.filter(Q(council_id__in=councils) | Q(pk__in=granted))


def document_has_full_access(user: Any, document: Document) -> bool:
    """Owner office holders, the council's administrators and its Monitoring Officer."""
    if not _signed_in(user):
        return False
    return document.owner_office_id in owned_office_ids(user) or document.council_id in content_council_ids(user)


def grantee_still_eligible(on: date) -> Exists:
    """The grantee still holds a member office of the document's council (what made them eligible)."""
    return Exists(
        Appointment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on),
            person=OuterRef("person"),
            office__council=OuterRef("document__council"),
            office__kind=Office.Kind.MEMBER,
            start_date__lte=on,
        )
    )


def live_grants(*, on: date | None = None) -> QuerySet[Grant]:
    """Grants not revoked, not past their last day, whose grantee still holds the office that made them
    eligible: checked at read time, whatever the daily sweep has or has not done yet."""
    on = on or today()
    return (
        Grant.objects.filter(revoked_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .filter(grantee_still_eligible(on))
    )


def grant_is_live(grant: Grant, *, on: date | None = None) -> bool:
    return live_grants(on=on).filter(pk=grant.pk).exists()


def document_live_grant(user: Any, document: Document) -> Grant | None:
    """The user's live grant for the document, if any (newest first)."""
    if not _signed_in(user):
        return None
    return live_grants().filter(person=user, document=document).order_by("-can_copy", "-created_at").first()


def live_grants_by_document(user: Any) -> dict[int, Grant]:
    """The user's live grants keyed by document (one query), for list pages."""
    if not _signed_in(user):
        return {}
    grants = live_grants().filter(person=user)
    by_document: dict[int, Grant] = {}
    for grant in grants.order_by("can_copy", "created_at"):
        by_document[grant.document_id] = grant
    return by_document


class UndertakingRequired(PermissionDenied):
    """A grant exists but the councillor has not yet accepted its undertaking (TW 3.7)."""

    def __init__(self, grant: Grant) -> None:
        super().__init__("Accept the undertaking before you open this document.")
        self.grant = grant


def document_content_check(user: Any, action: str, document: Document) -> Grant | None:
    """May ``user`` read (``inspect``) or take a copy of (``copy``) the document's content?

    Returns the grant it happens under (None for public content or full access); raises
    PermissionDenied otherwise. The caller has already checked the metadata is visible.
    """
    if action not in {"inspect", "copy"}:
        raise ValueError(action)
    if document_has_full_access(user, document):
        return None
    if document.is_public and document.council_id in office_council_ids(user):
        return None
    grant = document_live_grant(user, document)
    perm = "access_requests.copy_document" if action == "copy" else "access_requests.inspect_document"
    if grant is None or not user.has_perm(perm, document):
        if action == "copy" and grant is not None:
            raise PermissionDenied("Your grant allows you to inspect this document in the browser, not to copy it.")
        raise PermissionDenied("You have no current grant to read this document.")
    if action == "copy" and not grant.can_copy:
        raise PermissionDenied("Your grant allows you to inspect this document in the browser, not to copy it.")
    if grant.undertaking_accepted_at is None:
        raise UndertakingRequired(grant)
    return grant


def document_manage_check(user: Any, council: Council) -> None:
    if council.pk not in admin_council_ids(user):
        raise PermissionDenied("Only this council's administrators can maintain its document register.")


def access_log_visible_to(user: Any) -> QuerySet[AccessLogEntry]:
    """The owner office's holders, the administrators and the MO read a document's log; people their own reads."""
    if not _signed_in(user):
        return AccessLogEntry.objects.none()
    return AccessLogEntry.objects.filter(
        Q(person=user)
        | Q(document__owner_office_id__in=owned_office_ids(user))
        | Q(document__council_id__in=content_council_ids(user))
    )


def document_log_check(user: Any, document: Document) -> None:
    if not document_has_full_access(user, document):
        raise PermissionDenied("Only the document's owner, the administrators and the Monitoring Officer read its log.")


# Requests --------------------------------------------------------------------------------------


def _visible_request_ids(user: Any) -> QuerySet[Any]:
    # A UNION of index lookups rather than one OR, which would make PostgreSQL scan every request.
    plain = AccessRequest.objects.order_by()
    ids = (
        plain.filter(requester=user)
        .values_list("id", flat=True)
        .union(plain.filter(made_by=user).values_list("id", flat=True))
        .union(plain.filter(decided_by=user).values_list("id", flat=True))
    )
    councils = decider_council_ids(user)
    if councils:
        ids = ids.union(plain.filter(council_id__in=councils).values_list("id", flat=True))
    offices = owned_office_ids(user)
    if offices:
        ids = ids.union(plain.filter(document__owner_office_id__in=offices).values_list("id", flat=True))
    mo_councils = monitoring_officer_council_ids(user)
    if mo_councils:
        referred = plain.filter(council_id__in=mo_councils, state__in=MO_VISIBLE_STATES)
        ids = ids.union(referred.values_list("id", flat=True))
    return ids


def access_requests_visible_to(user: Any) -> QuerySet[AccessRequest]:
    if not _signed_in(user):
        return AccessRequest.objects.none()
    return AccessRequest.objects.filter(pk__in=_visible_request_ids(user))


# A list page reads the ids first when there are at most this many (see complaints_listed_for).
LISTED_IDS_MAX = 5000


def access_requests_listed_for(user: Any) -> QuerySet[AccessRequest]:
    """The same requests as ``access_requests_visible_to``, as a primary-key lookup for list pages."""
    if not _signed_in(user):
        return AccessRequest.objects.none()
    ids = list(_visible_request_ids(user)[: LISTED_IDS_MAX + 1])
    if len(ids) > LISTED_IDS_MAX:
        return access_requests_visible_to(user)
    return AccessRequest.objects.filter(pk__in_array=ids)


def request_decider_ids(access_request: AccessRequest, *, on: date | None = None) -> set[int]:
    """Who may decide: holders of the document's owner office, administrators and the policy's senior levels."""
    on = on or today()
    policy = AccessPolicy.objects.filter(council_id=access_request.council_id).first()
    levels = policy.decider_level_list() if policy else list(DEFAULT_DECIDER_LEVELS)
    office_q = Q(is_administrator=True) | Q(management_level__in=levels)
    if access_request.document_id:
        office_q |= Q(pk=access_request.document.owner_office_id)  # type: ignore[union-attr]
    offices = Office.objects.filter(office_q, council_id=access_request.council_id, kind=Office.Kind.OFFICER)
    ids = set(people_holding(offices=offices, on=on).values_list("pk", flat=True))
    ids.discard(access_request.requester_id)
    return ids


def mo_conflict(user: Any, access_request: AccessRequest) -> str:
    """Why this Monitoring Officer may not determine the dispute ('' when they may)."""
    if user.pk == access_request.requester_id:
        return "You made this request, so you cannot determine it."
    if user.pk == access_request.decided_by_id:
        return "You decided this request as an officer, so you cannot review your own decision."
    if user.pk in people_closely_related_to(person_ids=[access_request.requester_id]):
        return "You have a declared close relationship with the requester, so you cannot determine this dispute."
    return ""


def access_request_roles(
    user: Any, access_request: AccessRequest, *, wanted: Iterable[str] = tuple(Party.values)
) -> set[str]:
    """Who ``user`` is for this request (only the ``wanted`` parties are looked up)."""
    roles: set[str] = set()
    if not _signed_in(user):
        return roles
    wanted = set(wanted)
    if Party.REQUESTER in wanted and user.pk in {access_request.requester_id, access_request.made_by_id}:
        roles.add(Party.REQUESTER)
    if Party.DECIDER in wanted and user.pk in request_decider_ids(access_request):
        roles.add(Party.DECIDER)
    if (
        Party.MONITORING_OFFICER in wanted
        and user.pk in {p.pk for p in council_monitoring_officers(council=access_request.council)}
        and not mo_conflict(user, access_request)
    ):
        roles.add(Party.MONITORING_OFFICER)
    return roles


# Why each action is refused: when the request is past it, and when the person is not the one to take it.
_NOT_NOW = {
    "decide": "it is not awaiting a decision",
    "refer": "it cannot be referred to the Monitoring Officer now",
    "determine": "only a request referred to the Monitoring Officer can be determined",
    "withdraw": "it can no longer be withdrawn",
}
_NOT_YOU = {
    "decide": "Only the document's owner, the council's administrators or senior officers decide.",
    "refer": "Only the requester after a refusal, or a deciding officer in doubt, can refer this.",
    "determine": "Only the council's Monitoring Officer determines need-to-know disputes.",
    "withdraw": "Only the requester can withdraw the request.",
}


def access_request_check(user: Any, action: str, access_request: AccessRequest) -> None:
    """Raise PermissionDenied unless the user may take ``action`` on the (visible) request now.

    The states and parties of each action come from ``ACCESS_REQUEST_LIFE`` (``life.py``).
    """
    if not _signed_in(user):
        raise PermissionDenied("Sign in first.")
    if action == "view":
        return
    if action == "revoke_grant":
        grant = Grant.objects.filter(request=access_request, revoked_at__isnull=True).first()
        if grant is None:
            raise PermissionDenied("There is no grant in force on this request.")
        grant_revoke_check(user, grant)
        return
    if action == "accept_undertaking":
        if user.pk != access_request.requester_id:
            raise PermissionDenied("Only the councillor granted access accepts the undertaking.")
        return
    if action not in ACTION_MOVES:
        raise ValueError(action)
    moves = [ACCESS_REQUEST_LIFE.moves[name] for name in ACTION_MOVES[action]]
    open_now = [move for move in moves if access_request.state in move.sources]
    if not open_now:
        raise PermissionDenied(f"This request is {State(access_request.state).label.lower()}: {_NOT_NOW[action]}.")
    parties = set().union(*(move.actors for move in open_now))
    if access_request_roles(user, access_request, wanted=parties):
        return
    if Party.MONITORING_OFFICER in parties and user.pk in {
        p.pk for p in council_monitoring_officers(council=access_request.council)
    }:
        raise PermissionDenied(mo_conflict(user, access_request))
    raise PermissionDenied(_NOT_YOU[action])


def grant_revoke_check(user: Any, grant: Grant) -> None:
    """The officers who may decide the request, the council's Monitoring Officer or an administrator."""
    if not _signed_in(user):
        raise PermissionDenied("Sign in first.")
    request = grant.request
    council_id = request.council_id
    if (
        user.pk in request_decider_ids(request)
        or council_id in admin_council_ids(user)
        or council_id in monitoring_officer_council_ids(user)
    ):
        return
    raise PermissionDenied(
        "Only the officers who decide this council's requests, its Monitoring Officer or an administrator "
        "can revoke a grant."
    )


def recommendation_visible(user: Any, access_request: AccessRequest) -> bool:
    """Whoever may see the request reads the rules' recommendation with it, the requester included: the
    contract's create response carries it, and a councillor refused against it knows to refer. Page and API
    both ask here."""
    return _signed_in(user) and access_requests_visible_to(user).filter(pk=access_request.pk).exists()


def access_rules_visible_to(user: Any) -> QuerySet[AccessRule]:
    return AccessRule.objects.all() if _signed_in(user) else AccessRule.objects.none()


def access_policies_visible_to(user: Any) -> QuerySet[AccessPolicy]:
    return AccessPolicy.objects.all() if _signed_in(user) else AccessPolicy.objects.none()


def grants_visible_to(user: Any) -> QuerySet[Grant]:
    return Grant.objects.filter(request__in=access_requests_visible_to(user))


def meetings_visible_to(model: type[Any]) -> Any:
    """Meetings and agenda items (titles only) are the council's published business: signed-in reading."""

    def visible_to(user: Any) -> QuerySet:
        return model._default_manager.all() if _signed_in(user) else model._default_manager.none()

    return visible_to
