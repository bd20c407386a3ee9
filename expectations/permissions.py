"""Who may see and change protocols: one place for pages, API, services and the history page.

Adopted and superseded versions are public documents: anyone reads them,
signed in or not. A draft is the clerk's working copy: the council's
administrators see it, plus anyone holding a django-guardian grant on it (e.g.
a Monitoring Officer asked to comment). Only a council's administrators import,
edit and adopt its protocol. Acknowledgements are seen by the person who made
them and by the council's administrators, who chase those who have not read it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from protocol_portal.core.transitions import SYSTEM
from roles.models import Council
from roles.permissions import admin_council_ids, can_manage_council
from roles.selectors import person_holds_office_in

from .life import ADMINISTRATOR
from .models import (
    Acknowledgement,
    AcknowledgementGroupObjectPermission,
    AcknowledgementUserObjectPermission,
    Clause,
    ProtocolDocument,
    ProtocolDocumentGroupObjectPermission,
    ProtocolDocumentUserObjectPermission,
    Theme,
)

PUBLISHED = (ProtocolDocument.Status.ADOPTED, ProtocolDocument.Status.SUPERSEDED)
VIEW_DOCUMENT = "view_protocoldocument"
VIEW_ACKNOWLEDGEMENT = "view_acknowledgement"


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _granted_ids(user: Any, user_table: Any, group_table: Any, codename: str) -> Q:
    # A direct join on our own permission tables: a model-wide grant never reveals every draft.
    if not _signed_in(user):
        return Q(pk__in=[])
    direct = user_table.objects.filter(user=user, permission__codename=codename).values("content_object_id")
    via_group = group_table.objects.filter(group__user=user, permission__codename=codename).values("content_object_id")
    return Q(pk__in=direct) | Q(pk__in=via_group)


def documents_visible_to(user: Any) -> QuerySet[ProtocolDocument]:
    return ProtocolDocument.objects.filter(
        Q(status__in=PUBLISHED)
        | Q(council_id__in=admin_council_ids(user))
        | _granted_ids(user, ProtocolDocumentUserObjectPermission, ProtocolDocumentGroupObjectPermission, VIEW_DOCUMENT)
    )


def clauses_visible_to(user: Any) -> QuerySet[Clause]:
    return Clause.objects.filter(document__in=documents_visible_to(user).values("pk"))


def themes_visible_to(user: Any) -> QuerySet[Theme]:
    return Theme.objects.all()  # the shared taxonomy is public


def acknowledgements_visible_to(user: Any) -> QuerySet[Acknowledgement]:
    if not _signed_in(user):
        return Acknowledgement.objects.none()
    return Acknowledgement.objects.filter(
        Q(person=user)
        | Q(document__council_id__in=admin_council_ids(user))
        | _granted_ids(
            user, AcknowledgementUserObjectPermission, AcknowledgementGroupObjectPermission, VIEW_ACKNOWLEDGEMENT
        )
    )


def council_protocol_manage_check(user: Any, council: Council) -> None:
    """Import, edit, adopt and see who has read: the council's administrators only."""
    if not can_manage_council(user, council):
        raise PermissionDenied("Only this council's administrators can change its protocol.")


def document_check(user: Any, action: str, document: ProtocolDocument) -> None:
    """``action`` is one of view, edit, adopt, acknowledge."""
    if action == "view":
        if not documents_visible_to(user).filter(pk=document.pk).exists():
            raise PermissionDenied("This version of the protocol is not published.")
    elif action in ("edit", "adopt"):
        council_protocol_manage_check(user, document.council)
    elif action == "acknowledge":
        if not _signed_in(user) or not person_holds_office_in(person=user, council=document.council):
            raise PermissionDenied("Only people holding an office in this council confirm reading its protocol.")
        if document.status != ProtocolDocument.Status.ADOPTED:
            raise PermissionDenied("Only the adopted version of a protocol is confirmed as read.")
    else:
        raise ValueError(f"Unknown protocol action {action!r}")


def protocol_roles(actor: Any, document: ProtocolDocument) -> set[str]:
    """The system (no actor) or the council's administrator; anyone else may not move a version."""
    if actor is None:
        return {SYSTEM}
    return {ADMINISTRATOR} if can_manage_council(actor, document.council) else set()


def can_manage_protocol(user: Any, council: Council) -> bool:
    return can_manage_council(user, council)
