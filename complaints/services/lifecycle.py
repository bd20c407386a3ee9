"""Log a complaint, route it, and move it through its states."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from protocol_portal.core.audit import audited_save
from protocol_portal.core.dates import EARLIEST
from protocol_portal.core.system import actor_required, is_system_actor, system_act_check
from protocol_portal.core.transitions import SYSTEM, Move
from protocol_portal.core.workdays import add_working_days, today
from roles.models import Council, Person
from roles.selectors import council_monitoring_officers

from ..models import Complaint, ComplaintEvent, RouteDecision
from ..permissions import (
    complaint_actor_roles,
    complaint_grant_view,
    complaint_log_check,
    complaint_log_outsider_check,
    route_preview_check,
)
from ..routing import Route, route_resolve
from ..selectors import (
    Parties,
    clauses_citable,
    complaint_parties_resolve,
    complaint_past_handler_ids,
    complaint_stage,
    complaint_stages_for,
)
from ..workflow import COMPLAINT_LIFE, OPEN_STATES, FormalBasis, Procedure, State
from .attachments import attachments_store, attachments_validate
from .notify import complaint_notify
from .outsiders import Outsider, addressed_step_position
from .subject import subject_invite


def complaint_route_preview(
    *, actor: Any, council: Council, complainant: Person, subject: Person
) -> tuple[Parties, Route]:
    """Who would handle a complaint by ``complainant`` about ``subject``, and why. Writes nothing."""
    route_preview_check(actor, council, complainant)
    parties = complaint_parties_resolve(council=council, complainant=complainant, subject=subject)
    route = route_resolve(
        chain=parties.chain,
        complainant=complainant,
        complainant_office=parties.complainant_office,
        subject=subject,
        subject_office=parties.subject_office,
    )
    return parties, route


def _record_route(*, complaint: Complaint, route: Route, round_no: int, actor: Any) -> None:
    for sequence, d in enumerate(route.decisions, start=1):
        row = RouteDecision(
            complaint=complaint,
            round=round_no,
            sequence=sequence,
            step=d.step,
            position=d.position,
            label=d.label[:150],
            office=d.office,
            holder=d.holder,
            outcome=d.outcome,
            why=d.why[:300],
        )
        audited_save(row, actor=actor, reason=f"Routing round {round_no}", validate=False)


def _assign(*, complaint: Complaint, route: Route, round_no: int, actor: Any) -> None:
    """Hand the complaint to the route's handler, grant access, tell those the step names."""
    decision = route.handler_decision
    assert decision is not None
    complaint.handler = decision.holder
    complaint.handler_office = decision.office
    complaint.current_step = decision.step
    _record_route(complaint=complaint, route=route, round_no=round_no, actor=actor)
    complaint_grant_view(complaint=complaint, person=decision.holder)
    complaint_notify(
        complaint=complaint,
        recipient=decision.holder,
        event=f"handle:{round_no}",
        subject="A complaint for you to handle",
        body=f"{complaint.complainant} has complained about {complaint.subject} ({complaint.subject_office.name}): "
        f"{complaint.summary}\nPlease acknowledge it by {complaint.acknowledge_by:%-d %B %Y} and respond by "
        f"{complaint.respond_by:%-d %B %Y}.",
    )
    for told in route.told:
        complaint_grant_view(complaint=complaint, person=told.holder)
        complaint_notify(
            complaint=complaint,
            recipient=told.holder,
            event=f"told:{round_no}",
            subject="You are told of a complaint",
            body=f"The protocol names you to be told ({told.label}). {decision.holder} is handling a complaint "
            f"by {complaint.complainant} about {complaint.subject}: {complaint.summary}",
        )


def complaint_create(
    *,
    actor: Any,
    council: Council,
    complainant: Person | None,
    subject: Person,
    summary: str,
    details: str,
    expectation_ids: Iterable[int] = (),
    channel: str = "online",
    received_on: date | None = None,
    informal_first: bool = True,
    uploads: list[Any] | None = None,
    outsider: Outsider | None = None,
    addressed_to: str = "",
) -> Complaint:
    """Log a complaint and route it. Any error is field-keyed and nothing is written.

    ``outsider``: a resident or other outsider's name and contact details instead of ``complainant``
    (logged by the council's administrators; no login is made for them).
    ``addressed_to``: the slug of an office the chain lets the complainant address instead of its first step.
    """
    if outsider is not None:
        complaint_log_outsider_check(actor, council)
        outsider.validate()
        complainant = outsider.unsaved_person()
    elif complainant is None:
        raise ValidationError({"complainant": "Choose the complainant, or give a resident's name and contact."})
    else:
        complaint_log_check(actor, council, complainant)
    if actor.pk == subject.pk and actor.pk != complainant.pk:
        raise ValidationError(
            {"subject": "You cannot log a complaint about yourself: ask another administrator or the complainant."}
        )
    on = today()
    received_on = received_on or on
    errors: dict[str, str] = {}
    if received_on > on:
        errors["received_on"] = "The date received cannot be in the future."
    elif received_on < EARLIEST:
        errors["received_on"] = f"Enter a date received on or after {EARLIEST:%-d %B %Y}."
    if not summary.strip():
        errors["summary"] = "Enter a summary of the complaint."
    if not details.strip():
        errors["details"] = "Enter the details of the complaint."
    wanted = {int(i) for i in expectation_ids}
    clauses = list(clauses_citable(council=council).filter(pk__in=wanted)) if wanted else []
    if len(clauses) != len(wanted):
        unknown = sorted(wanted - {c.pk for c in clauses})
        errors["expectations"] = (
            f"Unknown expectation(s) {', '.join(map(str, unknown))}: cite clauses of {council}'s adopted protocol."
        )
    if errors:
        raise ValidationError(errors)
    parties = complaint_parties_resolve(
        council=council, complainant=complainant, subject=subject, outsider=outsider is not None
    )
    types = attachments_validate(uploads or [])
    route = route_resolve(
        chain=parties.chain,
        complainant=complainant,
        complainant_office=parties.complainant_office,
        subject=subject,
        subject_office=parties.subject_office,
        addressed_position=addressed_step_position(chain=parties.chain, office_slug=addressed_to),
    )
    if route.handler_decision is None:
        raise ValidationError(
            {
                "subject": f"No step of '{parties.chain.name}' can handle this complaint (every step is vacant or "
                "conflicted): ask the council's administrators to review the routing chain."
            }
        )
    first_stage = complaint_stages_for(council=council)[0]
    acknowledge_by = add_working_days(received_on, first_stage.acknowledge_within)
    with transaction.atomic():
        if outsider is not None:
            audited_save(complainant, actor=actor, reason="Complainant without office, recorded by the council")
        complaint = Complaint(
            council=council,
            chain=parties.chain,
            complainant=complainant,
            complainant_office=parties.complainant_office,
            subject=subject,
            subject_office=parties.subject_office,
            logged_by=actor,
            channel=channel,
            received_on=received_on,
            summary=summary.strip(),
            details=details.strip(),
            # The chain's setting has effect: a procedure with no informal stage offers none to ask for.
            informal_first=informal_first and parties.chain.informal_first,
            state=State.RECEIVED,
            stage=first_stage.number,
            acknowledge_by=acknowledge_by,
            respond_by=add_working_days(acknowledge_by, first_stage.respond_within),
        )
        audited_save(complaint, actor=actor, reason="Complaint logged", validate=False)
        complaint.expectations.set(clauses)
        _assign(complaint=complaint, route=route, round_no=1, actor=actor)
        audited_save(complaint, actor=actor, reason="Routed by the council's chain", validate=False)
        for person in (complainant, actor):
            if person.has_usable_password() or person.pk == actor.pk:
                complaint_grant_view(complaint=complaint, person=person)
        how = "online" if channel == "online" else f"by {complaint.get_channel_display().lower()}"
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.LOGGED,
                actor=actor,
                to_state=State.RECEIVED,
                text=f"Received {how} on {received_on:%-d %B %Y}; logged by {actor}.",
            ),
            actor=actor,
            reason="Complaint logged",
            validate=False,
        )
        attachments_store(actor=actor, complaint=complaint, uploads=uploads or [], types=types)
        subject_invite(actor=actor, complaint=complaint, on=on)
        complaint_notify(
            complaint=complaint,
            recipient=complainant,
            event="logged",
            subject="Your complaint has been logged",
            body=f"Your complaint about {subject} is with {complaint.handler} ({route.handler_decision.label}). "
            f"You should hear by {complaint.acknowledge_by:%-d %B %Y}.",
        )
    return complaint


def _lock(complaint_id: int) -> Complaint:
    return COMPLAINT_LIFE.lock(Complaint, complaint_id)


def complaint_transition(
    *,
    actor: Any,
    complaint_id: int,
    to: str,
    reason: str,
    procedure: str = "",
    formal_basis: str = "",
    outcome: str = "",
    expected_state: str = "",
    on: date | None = None,
    next_stage: bool = False,
    move: str | None = None,
) -> Complaint:
    """Move a complaint to ``to``. Locks the row: of two people acting at once, one wins, the other is told.

    ``actor`` is required: the deadline check acts as the named portal scheduler (only moves that name the system).
    ``next_stage``: an escalation to the procedure's next stage (``complaint_escalate_stage``, the move
    ``escalate_stage``), not to the chain's next step within the stage.
    """
    on = on or today()
    reason = (reason or "").strip()
    actor_required(actor)
    with transaction.atomic():
        complaint = _lock(complaint_id)
        from_state = complaint.state
        if is_system_actor(actor):
            # The named scheduler, only for the acts on its list (and only moves that name the system).
            system_act_check(actor, "complaint.escalate_overdue" if to == State.ESCALATED else f"complaint.{to}")
            roles = {SYSTEM}
        else:
            roles = complaint_actor_roles(actor, complaint)
            if not roles:
                # The same answer as the page: someone with no part in the complaint may not act on it at all.
                raise PermissionDenied("You cannot change this complaint's state.")

        def before_save(record: Complaint, move: Move) -> None:
            _apply(
                complaint=record,
                actor=actor,
                from_state=from_state,
                to=move.target,
                reason=reason,
                procedure=procedure,
                formal_basis=formal_basis,
                outcome=outcome,
                on=on,
                next_stage=move.name == "escalate_stage",
            )

        complaint, _ = COMPLAINT_LIFE.apply(
            complaint,
            actor=actor,
            roles=roles,
            move=move or ("escalate_stage" if next_stage else None),
            to=None if (next_stage or move) else to,
            reason=reason,
            expected_state=expected_state,
            context={"on": on},
            lock=False,
            before_save=before_save,
        )
        audited_save(
            ComplaintEvent(
                complaint=complaint,
                kind=ComplaintEvent.Kind.TRANSITION,
                actor=actor,
                from_state=from_state,
                to_state=to,
                text=reason,
            ),
            actor=actor,
            reason="Transition recorded",
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"state:{complaint.events.count()}",
            subject=f"Your complaint {complaint.reference}: {STATE_NEWS.get(to, State(to).label.lower())}",
            body=(f"Outcome: {complaint.outcome}" if to == State.RESOLVED else reason) or State(to).label,
        )
    return complaint


# What each state means for the complainant, as a plain sentence ending (GOV.UK style: say what happened).
STATE_NEWS: dict[str, str] = {
    State.ACKNOWLEDGED: "we have received it and are looking into it",
    State.INFORMAL: "we are trying to resolve it informally",
    State.ESCALATED: "it has gone to the next person in the council's procedure",
    State.REFERRED: "it has been passed to a formal procedure",
    State.RESOLVED: "it has been resolved",
    State.CLOSED: "it is closed",
    State.WITHDRAWN: "it has been withdrawn",
}


def _apply(
    *,
    complaint: Complaint,
    actor: Any,
    from_state: str,
    to: str,
    reason: str,
    procedure: str,
    formal_basis: str,
    outcome: str,
    on: date,
    next_stage: bool = False,
) -> None:
    """The extra work of a move, on the locked record after the engine's checks (a refusal here writes nothing)."""
    stage = complaint_stage(council=complaint.council, number=complaint.stage + (1 if next_stage else 0))
    if stage is None:
        raise ValidationError(
            {"reason": "This complaint is already at the council's final stage: the next route is the Ombudsman."}
        )
    if to == State.ACKNOWLEDGED:
        complaint.acknowledged_on = on
        extended = sum(e.working_days for e in complaint.extensions.all() if e.stage == complaint.stage)
        complaint.respond_by = add_working_days(on, stage.respond_within + extended)
    elif to == State.ESCALATED:
        past = complaint_past_handler_ids(complaint=complaint)
        after = complaint.current_step.position if complaint.current_step else 0
        if next_stage and stage.handler_step_position:
            after = stage.handler_step_position - 1
        route = route_resolve(
            chain=complaint.chain,
            complainant=complaint.complainant,
            complainant_office=complaint.complainant_office,
            subject=complaint.subject,
            subject_office=complaint.subject_office,
            after_position=after,
            past_handler_ids=past,
            on=on,
        )
        if route.handler_decision is None and not next_stage:
            raise ValidationError(
                {
                    "to": "There is no further step in this council's chain to escalate to: refer the complaint to a "
                    "formal procedure instead."
                }
            )
        if route.handler_decision is None:
            raise ValidationError(
                {
                    "reason": f"No step of this council's chain is left to handle {stage.name} (each is vacant, "
                    "conflicted or has handled the complaint already): ask the council's administrators to set "
                    "which step handles each stage."
                }
            )
        if next_stage:
            complaint.stage = stage.number
            complaint.finding = ""
        complaint.acknowledge_by = add_working_days(on, stage.acknowledge_within)
        complaint.respond_by = add_working_days(complaint.acknowledge_by, stage.respond_within)
        complaint.acknowledged_on = None
        complaint.overdue_flagged_on = None
        round_no = (complaint.route.order_by("-round").values_list("round", flat=True).first() or 0) + 1
        _assign(complaint=complaint, route=route, round_no=round_no, actor=actor)
    elif to == State.REFERRED:
        _refer(
            complaint=complaint,
            from_state=from_state,
            reason=reason,
            procedure=procedure,
            formal_basis=formal_basis,
            actor=actor,
        )
    elif to == State.RESOLVED:
        if not outcome.strip():
            raise ValidationError({"outcome": "Record the outcome: the complainant will see it."})
        complaint.outcome = outcome.strip()


def _refer(
    *, complaint: Complaint, from_state: str, reason: str, procedure: str, formal_basis: str, actor: Any = None
) -> None:
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": "Choose the formal procedure the complaint is referred to."})
    allowed = complaint.chain.procedure_list()
    if allowed and procedure not in allowed:
        names = ", ".join(str(Procedure(p).label) for p in allowed)
        raise ValidationError(
            {"procedure": f"{complaint.council}'s protocol refers this kind of complaint to: {names}."}
        )
    if (complaint.informal_first or from_state == State.INFORMAL) and formal_basis not in FormalBasis.values:
        raise ValidationError(
            {
                "formal_basis": "The complainant asked for informal resolution: record their consent to the formal "
                "procedure, or that it was not needed and why."
            }
        )
    if formal_basis == FormalBasis.CONSENT:
        from .consent import consent_given

        if not consent_given(complaint=complaint):
            raise ValidationError(
                {
                    "formal_basis": "The complainant has not confirmed their consent: ask them (the notice carries a "
                    "confirm link), or record why it is not needed."
                }
            )
    elif formal_basis == FormalBasis.NOT_NEEDED:
        # The complainant is told why their consent was not needed.
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"consent-not-needed:{procedure}",
            subject="Your complaint goes to a formal procedure",
            body=f"It is referred to the {Procedure(procedure).label} without asking your consent, because: {reason}",
        )
    complaint.procedure = procedure
    complaint.formal_basis = formal_basis
    if procedure == Procedure.CODE_OF_CONDUCT:
        officers = [p for p in council_monitoring_officers(council=complaint.council) if p.pk != complaint.subject_id]
        if not officers:
            raise ValidationError({"procedure": f"{complaint.council} has no Monitoring Officer in post to refer to."})
        complaint.referred_to = officers[0]
        complaint_grant_view(complaint=complaint, person=officers[0])
        complaint_notify(
            complaint=complaint,
            recipient=officers[0],
            event="referred",
            subject="A Code of Conduct complaint referred to you",
            body=f"{complaint.complainant}'s complaint about {complaint.subject} is referred to you as Monitoring "
            f"Officer: {complaint.summary}\nReason: {reason}",
        )
        # The Code of Conduct case at the Monitoring Officer, linked both ways (complaint.conduct_case).
        from standards.services import conduct_complaint_from_referral

        conduct_complaint_from_referral(actor=actor or complaint.referred_to, complaint=complaint, reason=reason)


def complaint_action_record(*, actor: Any, complaint_id: int, intended: bool, text: str) -> ComplaintEvent:
    """The handler records action taken or intended; the complainant is told (TW 2.25, 2.26)."""
    from ..permissions import complaint_check

    if not text.strip():
        raise ValidationError({"text": "Describe the action taken or intended."})
    with transaction.atomic():
        complaint = _lock(complaint_id)
        complaint_check(actor, "record_action", complaint)
        if complaint.state not in OPEN_STATES | {State.REFERRED}:
            raise ValidationError({"text": "This complaint is no longer open."})
        kind = ComplaintEvent.Kind.ACTION_INTENDED if intended else ComplaintEvent.Kind.ACTION_TAKEN
        event = audited_save(
            ComplaintEvent(complaint=complaint, kind=kind, actor=actor, text=text.strip()),
            actor=actor,
            reason=str(kind.label),
            validate=False,
        )
        complaint_notify(
            complaint=complaint,
            recipient=complaint.complainant,
            event=f"action:{event.pk}",
            subject=f"{kind.label} on your complaint",
            body=f"{actor} recorded: {text.strip()}",
        )
    return event
