"""Reading the protocol (LL 3.3): each office holder confirms the adopted version; a new version asks again."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save

from ..models import Acknowledgement, ProtocolDocument
from ..permissions import document_check


def protocol_acknowledge(*, person: Any, document: ProtocolDocument) -> Acknowledgement:
    """Record that ``person`` has read this version; a second confirmation changes nothing."""
    document_check(person, "acknowledge", document)
    existing = Acknowledgement.objects.filter(document=document, person=person).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            acknowledgement = Acknowledgement(document=document, person=person, acknowledged_at=timezone.now())
            audited_save(
                acknowledgement,
                actor=person,
                reason=f"Confirmed reading version {document.version}",
                validate=False,  # the unique constraint, not a racy pre-check, guards the second click
            )
    except IntegrityError:
        return Acknowledgement.objects.get(document=document, person=person)
    return acknowledgement


def acknowledgements_request(*, document: ProtocolDocument) -> int:
    """Ask every current office holder who has not read this version to read it (one notice each, ever).

    Run on adoption and daily (beat), so someone newly appointed is asked within a day (LL 3.3).
    """
    from notifications.models import Notice
    from roles.selectors import council_people

    url = reverse("expectations:acknowledge", args=[document.council.slug])
    prefix = f"expectations:ack-request:{document.pk}:"
    asked = set(Notice.objects.filter(key__startswith=prefix).values_list("key", flat=True))
    people = council_people(council=document.council).exclude(acknowledgements__document=document)
    raised = 0
    for person in people:
        if f"{prefix}{person.pk}" in asked:
            continue
        notice = notice_raise(
            recipient=person,
            key=f"{prefix}{person.pk}",
            subject=f"Please read {document.council.name}'s protocol (version {document.version})",
            body=(
                f"{document.council.name} has adopted version {document.version} of its {document.title}. "
                "Please read it and confirm that you have done so."
            ),
            url=url,
        )
        raised += notice is not None
    return raised


def acknowledgements_request_all() -> int:
    """The daily sweep: every adopted protocol asks its new office holders."""
    return sum(
        acknowledgements_request(document=document)
        for document in ProtocolDocument.objects.filter(status=ProtocolDocument.Status.ADOPTED).select_related(
            "council"
        )
    )
