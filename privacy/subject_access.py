"""Subject access as the law expects (UK GDPR Art. 15, ICO guidance).

- The request is recorded with its one-calendar-month deadline; it may be extended once by two
  months, and the person is told why.
- Nobody prepares or releases an export about themselves: another administrator or the
  Monitoring Officer does.
- The export lists every third party it names, for redaction before release.
- A complaint about the person is held back while it is open; once closed it is released with
  the complainant's identity redacted. Each is a recorded decision on the export.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from protocol_portal.core.workdays import today
from roles.models import Council, Person

from .models import SubjectAccessRequest
from .permissions import privacy_check

REDACTED = "[redacted: complainant]"
# States after which a complaint is finished with: nothing said in it can still prejudice its handling.
COMPLAINT_FINISHED_STATES = {"closed", "withdrawn"}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of a shorter month), as the ICO counts a month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def not_about_yourself(actor: Any, subject: Any) -> None:
    if actor is not None and subject is not None and actor.pk == subject.pk:
        raise PermissionDenied(
            "You cannot handle a subject access request about yourself: another administrator "
            "or the Monitoring Officer prepares and releases it."
        )


def subject_access_request_record(
    *, actor: Any, council: Council, subject: Person, reference: str, received_on: date | None = None
) -> SubjectAccessRequest:
    privacy_check(actor, council)
    not_about_yourself(actor, subject)
    received_on = received_on or today()
    errors = {}
    if not (reference or "").strip():
        errors["reference"] = "Enter the request's reference."
    if received_on > today():
        errors["received_on"] = "The date received cannot be in the future."
    if errors:
        raise ValidationError(errors)
    sar = SubjectAccessRequest(
        council=council,
        subject=subject,
        reference=reference.strip(),
        received_on=received_on,
        due_on=add_months(received_on, 1),
        recorded_by=actor,
    )
    with transaction.atomic():
        return audited_save(sar, actor=actor, reason=f"Subject access request {sar.reference} received")


def subject_access_request_extend(*, actor: Any, sar: SubjectAccessRequest, reason: str) -> SubjectAccessRequest:
    """Extend by two further months (complex or numerous requests), telling the person why, once."""
    privacy_check(actor, sar.council)
    not_about_yourself(actor, sar.subject)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why more time is needed: the person is told."})
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update(of=("self",), no_key=True).get(pk=sar.pk)
        if locked.extended_to is not None:
            raise ValidationError("This request has already been extended: the law allows one extension.")
        if locked.state == SubjectAccessRequest.State.RELEASED:
            raise ValidationError("This request has been answered.")
        locked.extended_to = add_months(locked.due_on, 2)
        locked.extension_reason = reason.strip()
        audited_save(locked, actor=actor, reason=f"Extended to {locked.extended_to:%-d %B %Y}: {reason.strip()}")
        notice_raise(
            recipient=locked.subject,
            key=f"sar:{locked.pk}:extended",
            subject=f"Your subject access request {locked.reference}: more time needed",
            body=f"{locked.council} needs more time to answer your request, and will answer by "
            f"{locked.extended_to:%-d %B %Y}.\nWhy: {locked.extension_reason}",
        )
    return locked


def subject_access_request_release(*, actor: Any, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """Record that the reviewed, redacted export went to the person."""
    privacy_check(actor, sar.council)
    not_about_yourself(actor, sar.subject)
    with transaction.atomic():
        locked = SubjectAccessRequest.objects.select_for_update(of=("self",), no_key=True).get(pk=sar.pk)
        if locked.state != SubjectAccessRequest.State.PREPARED:
            raise ValidationError("Prepare and review the export before releasing it.")
        locked.state = SubjectAccessRequest.State.RELEASED
        locked.released_by = actor
        locked.released_at = timezone.now()
        audited_save(locked, actor=actor, reason="Released to the person after review for third-party data")
    return locked


def subject_access_requests_open(*, council: Council) -> list[SubjectAccessRequest]:
    return list(
        SubjectAccessRequest.objects.filter(council=council)
        .exclude(state=SubjectAccessRequest.State.RELEASED)
        .select_related("subject")
    )


# The export's treatment of complaints about the person ----------------------------------------


def complaint_rows_decide(
    sections: dict[str, list[dict[str, Any]]], subject: Any
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Hold back open complaints about ``subject``; redact the complainant from closed ones.

    Returns the sections to release and the withholding decisions (one per complaint).
    """
    from complaints.models import Complaint

    about = {c.pk: c for c in Complaint.objects.filter(subject=subject).select_related("complainant")}
    if not about:
        return sections, []
    decisions: dict[int, dict[str, Any]] = {}
    for complaint in about.values():
        finished = complaint.state in COMPLAINT_FINISHED_STATES
        decisions[complaint.pk] = {
            "complaint": complaint.reference,
            "state": complaint.state,
            "decision": "released, complainant redacted" if finished else "withheld while open",
            "reason": "Closed: released with the complainant's identity redacted (third-party data)."
            if finished
            else "Open complaint about the person: disclosure now would prejudice its handling; "
            "it will be released, redacted, once closed.",
        }
    released: dict[str, list[dict[str, Any]]] = {}
    for label, rows in sections.items():
        kept = []
        for row in rows:
            complaint_id = _complaint_of(label, row)
            found = about.get(complaint_id) if complaint_id is not None else None
            if found is None:
                kept.append(row)
            elif found.state in COMPLAINT_FINISHED_STATES:
                kept.append(_redact_complainant(row, found))
        if kept:
            released[label] = kept
    return released, list(decisions.values())


def _complaint_of(label: str, row: dict[str, Any]) -> int | None:
    if label in ("complaints.Complaint", "complaints.HistoricalComplaint"):
        return row.get("id")
    value = row.get("complaint_id")
    return value if isinstance(value, int) else None


def _redact_complainant(row: dict[str, Any], complaint: Any) -> dict[str, Any]:
    person = complaint.complainant
    names = {n for n in (person.get_full_name(), person.display_name, person.username, str(person)) if n}
    redacted: dict[str, Any] = {}
    for key, value in row.items():
        if key in ("complainant_id", "complainant_office_id") or (
            key.endswith("_id") and value == person.pk and key not in ("id", "subject_id")
        ):
            redacted[key] = REDACTED
        elif isinstance(value, str):
            for name in sorted(names, key=len, reverse=True):
                value = value.replace(name, REDACTED)
            redacted[key] = value
        else:
            redacted[key] = value
    return redacted


def third_parties(sections: dict[str, list[dict[str, Any]]], subject: Any) -> list[dict[str, Any]]:
    """Every other person an exported row names, for the reviewer to redact before release."""
    from .providers import person_field_names

    people: dict[int, Any] = {}
    found = []
    for label, rows in sections.items():
        fields = person_field_names(label)
        for row in rows:
            for field in fields:
                value = row.get(f"{field}_id")
                if isinstance(value, int) and value != subject.pk:
                    found.append(
                        {"file": f"records/{label}.json", "pk": row.get("pk"), "field": field, "person": value}
                    )
                    people.setdefault(value, None)
    names: dict[Any, Any] = dict(Person.objects.filter(pk__in=people).values_list("pk", "username"))
    for item in found:
        item["person"] = names.get(item["person"], item["person"])
    return found
