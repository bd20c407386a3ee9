"""The life of an information-access request: submit, decide, refer, determine, withdraw.

Only ``_move`` writes ``state`` (through ``ACCESS_REQUEST_LIFE``), inside the caller's atomic block on a
locked row, after ``permissions.access_request_check`` has said who may and when.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from notifications.services import notice_raise
from protocol_portal.core.audit import audited_save
from protocol_portal.core.dates import LATEST
from protocol_portal.core.system import system_actor
from protocol_portal.core.workdays import add_working_days, today
from roles.models import Council, Person
from roles.selectors import council_monitoring_officers, person_is_member_of

from .. import permissions
from ..life import ACCESS_REQUEST_LIFE, OPEN_STATES
from ..models import (
    DECISION_STATE,
    REFUSAL_GROUNDS,
    AccessPolicy,
    AccessRequest,
    Basis,
    Decision,
    Document,
    Grant,
    State,
)
from ..rules import MO_MAY_OVERRIDE, CouncilRules, Evaluation, citation, council_rules, evaluate, forbidden_message
from .grants import COPY, grant_create

DEFAULT_DECISION_DAYS = 10


def _move(
    locked: AccessRequest, *, actor: Any, to: str, reason: str, history: str, changes: dict[str, Any]
) -> AccessRequest:
    """Make the move to ``to`` on the locked request, writing ``changes`` in the same history row."""
    closed_at = None if to in OPEN_STATES else timezone.now()  # a referral reopens a decided request
    moved, _ = ACCESS_REQUEST_LIFE.apply(
        locked,
        actor=actor,
        roles=permissions.access_request_roles(actor, locked),
        to=to,
        reason=reason or history,
        changes={**changes, "closed_at": closed_at},
        lock=False,
    )
    return moved


def _locked(access_request: AccessRequest) -> AccessRequest:
    return (
        AccessRequest.objects.select_for_update(of=("self",), no_key=True)
        .select_related("council", "document", "requester")
        .get(pk=access_request.pk)
    )


def _notify(people: list[Any] | set[Any], *, key: str, subject: str, body: str, access_request: AccessRequest) -> None:
    url = reverse("access_requests:request-detail", args=[access_request.pk])
    for person in people:
        notice_raise(recipient=person, key=f"{key}:{person.pk}", subject=subject, body=body, url=url)


def _deciders(access_request: AccessRequest) -> list[Person]:
    return list(Person.objects.filter(pk__in=permissions.request_decider_ids(access_request)))


def _cited_grounds(rules: CouncilRules, grounds: list[str]) -> list[dict[str, str]]:
    cited = []
    for ground in grounds:
        if ground not in REFUSAL_GROUNDS or not rules.has(ground):
            raise ValidationError({"grounds": f"'{ground}' is not a refusal ground in this council's access rules."})
        reason = rules.reason(ground, "refuse", "")
        cited.append({"rule": ground, "label": reason.as_dict()["label"], "clause": reason.clause})
    return cited


def _evaluate_now(access_request: AccessRequest, rules: CouncilRules) -> Evaluation:
    """The rules as they stand at the moment of deciding (the register or the rules may have changed)."""
    return evaluate(
        council=access_request.council,
        requester=access_request.requester,
        document=access_request.document,
        basis=access_request.basis,
        has_interest=access_request.has_interest,
        interest_details=access_request.interest_details,
        rules=rules,
    )


def access_request_submit(
    *,
    actor: Any,
    council: Council,
    requester: Person,
    basis: str,
    purpose: str,
    document: Document | None = None,
    described_information: str = "",
    has_interest: bool = False,
    interest_details: str = "",
) -> AccessRequest:
    """Record a councillor's request (made by them or a clerk on their behalf) with its recommendation."""
    errors: dict[str, str] = {}
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = "Enter the purpose: what you need the information for as a councillor."
    if basis not in Basis.values:
        errors["basis"] = "Choose the basis of the request."
    if document is None and not described_information.strip():
        errors["document"] = "Choose a document or describe the information you need."
    if document is not None and document.council_id != council.pk:
        errors["document"] = "That document belongs to another council: ask that council."
    if has_interest and not interest_details.strip():
        errors["interest_details"] = "Say what your interest is."
    if errors:
        raise ValidationError(errors)
    if not person_is_member_of(person=requester, council=council):
        raise ValidationError({"requester": f"{requester} is not a current councillor of {council}."})
    if actor.pk != requester.pk and council.pk not in permissions.admin_council_ids(actor):
        raise PermissionDenied("Only the council's clerk or administrators enter a request for a councillor.")
    if document is not None and document.pk not in set(
        permissions.documents_visible_to(requester).filter(pk=document.pk).values_list("pk", flat=True)
    ):
        raise ValidationError({"document": "That document is not in this council's register."})

    evaluation = evaluate(
        council=council,
        requester=requester,
        document=document,
        basis=basis,
        has_interest=has_interest,
        interest_details=interest_details,
    )
    policy = AccessPolicy.objects.filter(council=council).first()
    days = policy.decision_working_days if policy else DEFAULT_DECISION_DAYS
    access_request = AccessRequest(
        council=council,
        requester=requester,
        made_by=actor,
        document=document,
        described_information=described_information.strip(),
        basis=basis,
        purpose=purpose,
        has_interest=has_interest,
        interest_details=interest_details.strip() if has_interest else "",
        recommendation=evaluation.as_dict(),
        due_date=add_working_days(today(), days),
    )
    try:
        with transaction.atomic():
            audited_save(access_request, actor=actor, reason="Request submitted")
            _notify(
                _deciders(access_request),
                key=f"access-request:{access_request.pk}:submitted",
                subject=f"Information request to decide: {access_request.subject}",
                body=f"{requester} asks for '{access_request.subject}' ({access_request.get_basis_display()}). "
                f"Purpose: {purpose}\nDecide by {access_request.due_date:%-d %B %Y}.",
                access_request=access_request,
            )
    except (IntegrityError, ValidationError) as exc:
        if "access_request_one_open_per_document" in str(exc) or "already have an open request" in str(exc):
            raise ValidationError({"document": "You already have an open request for this document."}) from None
        raise
    return access_request


def access_request_decide(
    *,
    actor: Any,
    access_request: AccessRequest,
    decision: str,
    reasons: str,
    grounds: list[str] | None = None,
    expires_on: date | None = None,
) -> AccessRequest:
    """The deciding officer's decision: a grant creates the permission; a refusal cites its grounds."""
    grounds = list(grounds or [])
    errors: dict[str, str] = {}
    if decision not in Decision.values:
        errors["decision"] = "Choose grant to inspect, grant with a copy, partial or refuse."
    if not (reasons or "").strip():
        errors["reasons"] = "Give the reasons for the decision."
    if decision == Decision.REFUSE and not grounds:
        errors["grounds"] = "Cite at least one ground for refusing (a clause of the protocol)."
    if decision != Decision.REFUSE and access_request.document_id is None and decision != Decision.GRANT_COPY:
        errors["decision"] = "Described information is supplied (grant with a copy) or refused."
    if expires_on is not None and expires_on < today():
        errors["expires_on"] = "The grant cannot end in the past."
    elif expires_on is not None and expires_on > LATEST:
        errors["expires_on"] = f"Enter an end date on or before {LATEST:%-d %B %Y}, or none."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(access_request)
        permissions.access_request_check(actor, "decide", locked)
        rules = council_rules(council=locked.council)
        forbidding = _evaluate_now(locked, rules).forbidding(decision)
        if forbidding:
            # A rule that forbids is not advice: the officer cannot decide past it (the MO may, on a referral).
            raise ValidationError({"decision": forbidden_message(decision, forbidding)})
        cited = _cited_grounds(rules, grounds)
        _move(
            locked,
            actor=actor,
            to=DECISION_STATE[Decision(decision)],
            reason=reasons.strip(),
            history=f"Decided: {Decision(decision).label}",
            changes={
                "decision": decision,
                "grounds": cited,
                "reasons": reasons.strip(),
                "decided_by": actor,
                "decided_at": timezone.now(),
            },
        )
        if decision != Decision.REFUSE and locked.document_id:
            grant_create(
                actor=actor,
                access_request=locked,
                can_copy=decision == Decision.GRANT_COPY,
                expires_on=expires_on,
                reason=f"Granted by the deciding officer: {Decision(decision).label}",
            )
        _notify(
            [locked.requester],
            key=f"access-request:{locked.pk}:decided",
            subject=f"Decision on your information request: {Decision(decision).label}",
            body=f"'{locked.subject}': {Decision(decision).label}.\nReasons: {locked.reasons}"
            + (
                "\nIf you disagree you can refer it to the Monitoring Officer."
                if decision in (Decision.REFUSE, Decision.PARTIAL)
                else ""
            ),
            access_request=locked,
        )
    return locked


def access_request_refer(*, actor: Any, access_request: AccessRequest, reason: str) -> AccessRequest:
    """Refer a need-to-know dispute (or an officer's doubt, TW 3.6) to the Monitoring Officer."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the Monitoring Officer should look at this request."})
    with transaction.atomic():
        locked = _locked(access_request)
        permissions.access_request_check(actor, "refer", locked)
        mos = council_monitoring_officers(council=locked.council)
        if not mos:
            raise ValidationError("This council has no Monitoring Officer in post: ask the clerk.")
        _move(
            locked,
            actor=actor,
            to=State.REFERRED,
            reason=reason.strip(),
            history="Referred to the Monitoring Officer",
            changes={"referred_by": actor, "referral_reason": reason.strip(), "referred_at": timezone.now()},
        )
        _notify(
            mos,
            key=f"access-request:{locked.pk}:referred",
            subject=f"Need-to-know dispute to determine: {locked.subject}",
            body=(
                f"{actor} referred request {locked.reference} by {locked.requester} for '{locked.subject}'"
                if actor.pk != locked.requester_id
                else f"{actor} referred their own request {locked.reference} for '{locked.subject}'"
            )
            + f". Reason: {locked.referral_reason}",
            access_request=locked,
        )
    return locked


def access_request_determine(
    *,
    actor: Any,
    access_request: AccessRequest,
    decision: str,
    reasons: str,
    expires_on: date | None = None,
    override_reason: str = "",
) -> AccessRequest:
    """The Monitoring Officer's determination: takes effect at once and is final.

    A determination a council rule forbids is refused with the clause cited, unless the rule is one the
    MO may set aside (``MO_MAY_OVERRIDE``) and they give ``override_reason``: the override is recorded.
    """
    errors: dict[str, str] = {}
    if decision not in (Decision.GRANT_INSPECT, Decision.GRANT_COPY, Decision.REFUSE):
        errors["decision"] = "Choose grant to inspect, grant with a copy or refuse."
    if not (reasons or "").strip():
        errors["reasons"] = "Give the reasons for the determination."
    if expires_on is not None and expires_on < today():
        errors["expires_on"] = "The grant cannot end in the past."
    elif expires_on is not None and expires_on > LATEST:
        errors["expires_on"] = f"Enter an end date on or before {LATEST:%-d %B %Y}, or none."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(access_request)
        permissions.access_request_check(actor, "determine", locked)
        granted = decision != Decision.REFUSE
        if granted and locked.document_id is None:
            raise ValidationError(
                {
                    "decision": "Described information is supplied by the officer; determine 'refuse' or ask them to supply it."
                }
            )
        forbidding = _evaluate_now(locked, council_rules(council=locked.council)).forbidding(decision)
        fixed = [r for r in forbidding if r.rule not in MO_MAY_OVERRIDE]
        if fixed:
            raise ValidationError({"decision": forbidden_message(decision, fixed)})
        override_reason = (override_reason or "").strip()
        if forbidding and not override_reason:
            raise ValidationError(
                {
                    "override_reason": forbidden_message(decision, forbidding)
                    + " As Monitoring Officer you may override this: give the reason for the override."
                }
            )
        overrides = [
            {"rule": r.rule, "clause": r.clause, "citation": citation(r), "reason": override_reason} for r in forbidding
        ]
        history_reason = reasons.strip()
        if overrides:
            overridden = ", ".join(o["citation"] for o in overrides)
            history_reason += f"; overriding {overridden}: {override_reason}"
        _move(
            locked,
            actor=actor,
            to=State.DETERMINED_GRANTED if granted else State.DETERMINED_REFUSED,
            reason=history_reason,
            history=f"Determined by the Monitoring Officer: {Decision(decision).label}",
            changes={
                "determination": decision,
                "determination_reasons": reasons.strip(),
                "determined_by": actor,
                "determined_at": timezone.now(),
                "overrides": overrides,
            },
        )
        existing = Grant.objects.filter(request=locked).first()
        if granted:
            if existing is not None:
                # A partial grant is replaced by the Monitoring Officer's fuller one.
                existing.can_copy = existing.can_copy or decision == Decision.GRANT_COPY
                existing.expires_on = expires_on
                audited_save(existing, actor=actor, reason="Widened by the Monitoring Officer's determination")
                if existing.can_copy:
                    assign_perm(COPY, locked.requester, locked.document)
            else:
                grant_create(
                    actor=actor,
                    access_request=locked,
                    can_copy=decision == Decision.GRANT_COPY,
                    expires_on=expires_on,
                    reason="Granted by the Monitoring Officer's determination",
                )
        people = {locked.requester}
        if locked.decided_by is not None:
            people.add(locked.decided_by)
        if locked.referred_by is not None:
            people.add(locked.referred_by)
        _notify(
            people,
            key=f"access-request:{locked.pk}:determined",
            subject=f"Monitoring Officer's determination: {Decision(decision).label}",
            body=f"'{locked.subject}' for {locked.requester}: {Decision(decision).label}.\nReasons: {locked.determination_reasons}",
            access_request=locked,
        )
    return locked


def access_request_withdraw(*, actor: Any, access_request: AccessRequest, reason: str = "") -> AccessRequest:
    with transaction.atomic():
        locked = _locked(access_request)
        permissions.access_request_check(actor, "withdraw", locked)
        _move(locked, actor=actor, to=State.WITHDRAWN, reason=reason, history="Withdrawn by the requester", changes={})
    return locked


def access_requests_remind(*, on: date | None = None) -> dict[str, int]:
    """Remind deciders before the deadline and flag overdue requests once each (idempotent keys)."""
    from protocol_portal.core.workdays import working_days_between

    on = on or today()
    counts = {"reminded": 0, "overdue": 0}
    policies = {p.council_id: p for p in AccessPolicy.objects.all()}
    for access_request in AccessRequest.objects.filter(state=State.SUBMITTED).select_related(
        "council", "document", "requester"
    ):
        policy = policies.get(access_request.council_id)
        remind_days = policy.reminder_working_days if policy else 2
        left = working_days_between(on, access_request.due_date)
        field, key, subject = "", "", ""
        if left < 0 and access_request.overdue_notified_on is None:
            field, key, subject = "overdue_notified_on", "overdue", "Overdue information request"
        elif 0 <= left <= remind_days and access_request.reminded_on is None:
            field, key, subject = "reminded_on", "reminder", "Information request due soon"
        if not field:
            continue
        with transaction.atomic():
            locked = _locked(access_request)
            if getattr(locked, field) is not None or locked.state != State.SUBMITTED:
                continue
            setattr(locked, field, on)
            audited_save(locked, actor=system_actor(), reason=subject)
            _notify(
                _deciders(locked),
                key=f"access-request:{locked.pk}:{key}",
                subject=f"{subject}: {locked.subject}",
                body=f"{locked.requester}'s request is due by {locked.due_date:%-d %B %Y}.",
                access_request=locked,
            )
            counts["reminded" if key == "reminder" else "overdue"] += 1
    return counts


def is_overdue(access_request: AccessRequest, *, on: date | None = None) -> bool:
    return access_request.state == State.SUBMITTED and access_request.due_date < (on or today())
