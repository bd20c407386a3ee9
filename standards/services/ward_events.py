"""Ward members told of public meetings and consultations in their ward (TW 5.1-5.6), and correspondence
with members that shows every recipient to every recipient (TW 4.1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from roles.models import Person, Ward, WardMembership

from ..models import Correspondence, CorrespondenceRecipient, WardEvent
from ..permissions import correspondence_send_check, ward_event_record_check


def ward_event_record(
    *, actor: Any, ward: Ward, kind: str, title: str, happens_on: date, details: str = ""
) -> WardEvent:
    """Record a public meeting or consultation in a ward; every current member for the ward is told."""
    ward_event_record_check(actor, ward.council)
    errors = {}
    if kind not in WardEvent.Kind.values:
        errors["kind"] = "Choose a public meeting or a consultation."
    if not title.strip():
        errors["title"] = "Give the meeting or consultation a title."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = audited_save(
            WardEvent(
                council=ward.council,
                ward=ward,
                kind=kind,
                title=title.strip(),
                details=details.strip(),
                happens_on=happens_on,
                recorded_by=actor,
            ),
            actor=actor,
            reason="Recorded so the ward's members are told (TW 5.1)",
        )
        members = WardMembership.objects.current().filter(ward=ward).select_related("person")
        for membership in members:
            notice_raise(
                recipient=membership.person,
                key=f"ward-event:{event.pk}:{membership.person_id}",
                subject=f"{event.get_kind_display()} in {ward}: {event.title}",
                body=f"{event.get_kind_display()} in your ward on {happens_on:%d %B %Y}.\n{event.details}".strip(),
            )
    return event


def correspondence_record(
    *, actor: Any, council: Any, recipients: Iterable[Person], subject: str, body: str
) -> Correspondence:
    """Record correspondence; each recipient's notice names every recipient (there is no blind copy)."""
    correspondence_send_check(actor, council)
    people = list(dict.fromkeys(p for p in recipients if p.pk != actor.pk))
    errors = {}
    if not people:
        errors["recipients"] = "Choose at least one recipient other than yourself."
    if not subject.strip():
        errors["subject"] = "Give the correspondence a subject."
    if not body.strip():
        errors["body"] = "Write the message."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = audited_save(
            Correspondence(council=council, sender=actor, subject=subject.strip(), body=body.strip()),
            actor=actor,
            reason="Correspondence recorded (every recipient is shown to every recipient, TW 4.1)",
        )
        for person in people:
            audited_save(
                CorrespondenceRecipient(correspondence=item, person=person),
                actor=actor,
                reason="Recipient",
                validate=False,
            )
        everyone = ", ".join(str(p) for p in people)
        for person in people:
            notice_raise(
                recipient=person,
                key=f"correspondence:{item.pk}:{person.pk}",
                subject=f"From {actor}: {item.subject}",
                body=f"To: {everyone}\n\n{item.body}",
                url=reverse("standards:correspondence-detail", args=[item.pk]),
            )
    return item
