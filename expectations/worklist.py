"""Protocol work for the home page: protocols to confirm reading, and reviews due (administrators)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse

from protocol_portal.core.workdays import today
from protocol_portal.core.worklist import WorkQueue
from roles.models import Appointment
from roles.permissions import admin_council_ids

from .models import ProtocolDocument


def protocol_queues(person: Any) -> list[WorkQueue]:
    """Adopted protocols the person has not confirmed reading, and protocol reviews due or overdue."""
    if not getattr(person, "is_authenticated", False):
        return []
    on = today()
    held = Appointment.objects.current(on).filter(person=person).values("office__council_id")
    adopted = ProtocolDocument.objects.filter(status=ProtocolDocument.Status.ADOPTED).select_related("council")
    queues = [
        WorkQueue(
            key="expectations.to_confirm",
            title=f"Confirm you have read the protocol (version {doc.version})",
            count=1,
            council=doc.council.name,
            url=reverse("expectations:acknowledge", args=[doc.council.slug]),
        )
        for doc in adopted.filter(council_id__in=held)
        .exclude(acknowledgements__person=person)
        .order_by("council__name")
    ]
    administered = admin_council_ids(person)
    if administered:
        for doc in adopted.filter(council_id__in=administered, review_due__isnull=False).order_by("council__name"):
            assert doc.review_due is not None
            if doc.review_due - timedelta(days=doc.review_reminder_days) <= on:
                queues.append(
                    WorkQueue(
                        key="expectations.review_due",
                        title="Review the protocol",
                        count=1,
                        overdue=int(doc.review_due < on),
                        next_due=doc.review_due,
                        council=doc.council.name,
                        url=reverse("expectations:version-list", args=[doc.council.slug]),
                    )
                )
    return queues
