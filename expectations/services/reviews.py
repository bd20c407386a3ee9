"""Review reminders: the council's administrators are told when a protocol's review is near or past."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from notifications.services import notice_raise
from protocol_portal.core.workdays import today
from roles.models import Appointment

from ..models import ProtocolDocument


def review_phase(document: ProtocolDocument, on: date) -> str | None:
    """``overdue``, ``due`` (inside the reminder window) or None."""
    if document.review_due is None or document.status != ProtocolDocument.Status.ADOPTED:
        return None
    if document.review_due < on:
        return "overdue"
    if document.review_due - timedelta(days=document.review_reminder_days) <= on:
        return "due"
    return None


def protocol_reviews_remind(*, on: date | None = None) -> dict[str, int]:
    """Raise one reminder per protocol per period to each administrator of its council.

    The period is the review date while it is coming up, and each calendar month
    once it has passed; the notice key names it, so reruns raise nothing new.
    """
    on = on or today()
    documents = [
        d
        for d in ProtocolDocument.objects.filter(
            status=ProtocolDocument.Status.ADOPTED, review_due__isnull=False
        ).select_related("council")
        if review_phase(d, on)
    ]
    admins: dict[int, list] = {}
    for appointment in (
        Appointment.objects.current(on)
        .filter(office__is_administrator=True, office__council_id__in=[d.council_id for d in documents])
        .select_related("person", "office")
        .order_by("person_id")
    ):
        people = admins.setdefault(appointment.office.council_id, [])
        if appointment.person not in people:
            people.append(appointment.person)
    counts = {"protocols": len(documents), "raised": 0, "without_administrator": 0}
    for document in documents:
        phase = review_phase(document, on)
        period = document.review_due.isoformat() if phase == "due" else f"{on:%Y-%m}"  # type: ignore[union-attr]
        due = f"{document.review_due:%-d %B %Y}"
        if phase == "overdue":
            subject = f"{document.council.name}'s protocol was due for review on {due}"
        else:
            subject = f"{document.council.name}'s protocol is due for review on {due}"
        recipients = admins.get(document.council_id, [])
        if not recipients:
            counts["without_administrator"] += 1
        for person in recipients:
            notice = notice_raise(
                recipient=person,
                key=f"expectations:review:{document.pk}:{phase}:{period}:{person.pk}",
                subject=subject,
                body=(
                    f"Version {document.version} of the {document.title} (adopted "
                    f"{document.adopted_on or 'date not recorded'}) has its review date on {due}. "
                    "Record the review or draft a new version from the protocol's page."
                ),
                url=reverse("expectations:version-list", args=[document.council.slug]),
            )
            counts["raised"] += notice is not None
    return counts
