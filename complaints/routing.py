"""Resolve who handles a complaint: walk the council's chain, skipping conflicts, in a fixed number of queries.

Everything the walk needs (offices, holders, group and committee roles, declared
relationships) is loaded in a handful of batched queries first; the walk itself
is pure Python, so a long chain costs no more than a short one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch

from protocol_portal.core.workdays import today
from roles.models import (
    Appointment,
    CommitteeMembership,
    Council,
    GroupMembership,
    Office,
    Person,
)
from roles.selectors import (
    monitoring_officer_offices_among,
    office_line_above,
    office_nearest_at_or_above_level,
    people_closely_related_to,
)

from .models import ChainStep, RouteDecision, RoutingChain, Rule, StepNotice, TargetSpec
from .models.chains import OfficeFlag

Outcome = RouteDecision.Outcome
COMMITTEE_ROLE_ORDER = {CommitteeMembership.Role.CHAIR: 0, CommitteeMembership.Role.VICE_CHAIR: 1}


@dataclass
class Decision:
    """One line of a route: a step (or someone to tell) considered, and why."""

    position: int
    label: str
    outcome: str
    why: str
    step: ChainStep | None = None
    office: Office | None = None
    holder: Person | None = None

    @property
    def taken(self) -> bool:
        return self.outcome == Outcome.TAKEN

    def public_why(self) -> str:
        # A declared relationship is private: people outside the register see only that there was a conflict.
        if self.outcome == Outcome.SKIPPED_RELATED:
            return f"{self.holder} has a declared conflict of interest: passed to the next step."
        return self.why


@dataclass
class Route:
    chain: RoutingChain
    decisions: list[Decision] = field(default_factory=list)

    @property
    def handler_decision(self) -> Decision | None:
        return next((d for d in self.decisions if d.taken), None)

    @property
    def told(self) -> list[Decision]:
        return [d for d in self.decisions if d.outcome == Outcome.TOLD]


@dataclass
class _Context:
    council: Council
    complainant: Person
    complainant_office: Office | None
    subject: Person
    subject_office: Office
    offices: dict[int, Office]
    holders: dict[int, list[Person]]
    group_roles: dict[str, list[Person]]
    committee_roles: dict[int, list[tuple[str, Person]]]
    related_to_subject: set[int]
    related_to_complainant: set[int]
    past_handler_ids: set[int]


def _target_offices(spec: TargetSpec, ctx: _Context) -> tuple[list[Office], str]:
    """The office(s) a rule points at, or none with the reason."""
    rule = spec.rule
    if rule == Rule.OFFICE:
        named = ctx.offices.get(spec.office_id) if spec.office_id else None
        return ([named], "") if named else ([], "The named office no longer exists.")
    if rule == Rule.OFFICE_FLAG:
        if spec.flag == OfficeFlag.MONITORING_OFFICER:
            found = monitoring_officer_offices_among(council=ctx.council, offices=ctx.offices.values())
        else:
            found = [o for o in ctx.offices.values() if o.council_id == ctx.council.pk and getattr(o, spec.flag, False)]
        return found, "" if found else f"This council has no office marked {OfficeFlag(spec.flag).label}."
    if rule in (Rule.SUBJECT_LINE_MANAGER, Rule.SUBJECT_LEVEL):
        base, who = ctx.subject_office, "the officer complained about"
    elif rule in (Rule.COMPLAINANT_LINE_MANAGER, Rule.COMPLAINANT_LEVEL):
        if ctx.complainant_office is None:
            return [], "The complainant holds no office in the council."
        base, who = ctx.complainant_office, "the complainant"
    else:
        return [], ""
    above = office_line_above(office=base, offices=ctx.offices)
    if rule in (Rule.SUBJECT_LINE_MANAGER, Rule.COMPLAINANT_LINE_MANAGER):
        return (above[:1], "") if above else ([], f"{base.name} ({who}) has no line manager.")
    candidates = ([base] if rule == Rule.SUBJECT_LEVEL else []) + above
    office = office_nearest_at_or_above_level(candidates=candidates, level=spec.level)
    level_label = Office.ManagementLevel(spec.level).label
    if office is None:
        return [], f"No office at level '{level_label}' in the line above {base.name} ({who})."
    return [office], ""


def _target_people(spec: TargetSpec, ctx: _Context) -> tuple[list[tuple[Office | None, Person]], list[Office], str]:
    """(office, holder) pairs in order of preference; offices found vacant; or why nothing was found."""
    if spec.rule == Rule.SUBJECT_GROUP_ROLE:
        people = ctx.group_roles.get(spec.role, [])
        return (
            [(None, p) for p in people],
            [],
            "" if people else "The member complained about has no such group role holder.",
        )
    if spec.rule == Rule.COMMITTEE:
        members = ctx.committee_roles.get(spec.committee_id or 0, [])
        if spec.role:
            members = [(r, p) for r, p in members if r == spec.role]
        members = sorted(members, key=lambda rp: COMMITTEE_ROLE_ORDER.get(rp[0], 2))  # type: ignore[call-overload]
        return [(None, p) for _, p in members], [], "" if members else "Nobody currently holds this committee role."
    offices, reason = _target_offices(spec, ctx)
    pairs: list[tuple[Office | None, Person]] = [(o, p) for o in offices for p in ctx.holders.get(o.pk, [])]
    vacant = [o for o in offices if not ctx.holders.get(o.pk)]
    return pairs, vacant, reason


def _conflict(person: Person, ctx: _Context) -> tuple[str, str] | None:
    if person.pk == ctx.subject.pk:
        return Outcome.SKIPPED_SUBJECT, f"{person} is the person complained about."
    if person.pk == ctx.complainant.pk:
        return Outcome.SKIPPED_COMPLAINANT, f"{person} is the complainant."
    if person.pk in ctx.related_to_subject:
        return Outcome.SKIPPED_RELATED, f"{person} has a declared close relationship with {ctx.subject} (the subject)."
    if person.pk in ctx.related_to_complainant:
        return (
            Outcome.SKIPPED_RELATED,
            f"{person} has a declared close relationship with {ctx.complainant} (the complainant).",
        )
    if person.pk in ctx.past_handler_ids:
        return Outcome.SKIPPED_PAST_HANDLER, f"{person} has already handled this complaint."
    return None


def _walk_step(step: ChainStep, ctx: _Context, decisions: list[Decision]) -> bool:
    """Append this step's decisions; True if it takes the complaint."""
    only_if = step.only_if_subject_holds_id
    if only_if and ctx.subject.pk not in {p.pk for p in ctx.holders.get(only_if, [])}:
        office = ctx.offices.get(only_if)
        decisions.append(
            Decision(
                step.position,
                step.label,
                Outcome.NOT_APPLICABLE,
                f"Applies only when the person complained about is the {office.name if office else 'named office'}: "
                "passed to the next step.",
                step,
                office,
            )
        )
        return False
    pairs, vacant, reason = _target_people(step, ctx)
    for empty in vacant:
        decisions.append(
            Decision(
                step.position, step.label, Outcome.VACANT, f"{empty} is vacant: passed to the next step.", step, empty
            )
        )
    if not pairs:
        if not vacant:
            decisions.append(
                Decision(step.position, step.label, Outcome.NO_OFFICE, f"{reason} Passed to the next step.", step)
            )
        return False
    for office, person in pairs:
        conflict = _conflict(person, ctx)
        if conflict:
            decisions.append(
                Decision(step.position, step.label, conflict[0], f"{conflict[1]} Passed on.", step, office, person)
            )
            continue
        where = f" as {office}" if office else ""
        decisions.append(
            Decision(
                step.position,
                step.label,
                Outcome.TAKEN,
                f"{person}{where} handles the complaint ({step.label}).",
                step,
                office,
                person,
            )
        )
        for notice in step.notices.all():
            _walk_notice(step, notice, ctx, decisions, handler=person)
        return True
    return False


def _walk_notice(
    step: ChainStep, notice: StepNotice, ctx: _Context, decisions: list[Decision], *, handler: Person
) -> None:
    pairs, vacant, reason = _target_people(notice, ctx)
    label = f"Tell {notice.label}"
    if not pairs:
        decisions.append(Decision(step.position, label, Outcome.NO_OFFICE, reason or "Vacant: nobody to tell.", step))
    for office, person in pairs:
        if person.pk == handler.pk:
            continue
        # The subject and those close to them are never told: a complaint is private from its subject.
        if person.pk == ctx.subject.pk or person.pk in ctx.related_to_subject:
            conflict = _conflict(person, ctx)
            assert conflict is not None
            decisions.append(
                Decision(step.position, label, conflict[0], f"{conflict[1]} Not told.", step, office, person)
            )
            continue
        decisions.append(
            Decision(step.position, label, Outcome.TOLD, f"{person} is told ({notice.label}).", step, office, person)
        )


def _chain_steps(chain: RoutingChain) -> list[ChainStep]:
    cached = getattr(chain, "_route_steps", None)
    if cached is None:
        cached = list(
            chain.steps.select_related(
                "office", "office__council", "committee", "only_if_subject_holds"
            ).prefetch_related(Prefetch("notices", StepNotice.objects.select_related("office", "committee")))
        )
    return cached


def route_resolve(
    *,
    chain: RoutingChain,
    complainant: Person,
    complainant_office: Office | None,
    subject: Person,
    subject_office: Office,
    after_position: int = 0,
    past_handler_ids: set[int] | None = None,
    on: date | None = None,
    addressed_position: int | None = None,
) -> Route:
    """Walk ``chain`` from the step after ``after_position`` to the first eligible handler.

    ``addressed_position``: a step the complainant chose to address instead of the first step.
    """
    on = on or today()
    council = chain.council
    steps = [s for s in _chain_steps(chain) if s.position > after_position]
    if addressed_position and steps:
        chosen = [s for s in steps if s.position == addressed_position and s.complainant_may_choose]
        if chosen:
            first = steps[0]
            steps = chosen + [s for s in steps if s.pk not in {first.pk, chosen[0].pk}]
    specs: list[TargetSpec] = [*steps, *(n for s in steps for n in s.notices.all())]
    council_ids = [council.pk] + ([council.principal_council_id] if council.principal_council_id else [])
    offices = {o.pk: o for o in Office.objects.filter(council_id__in=council_ids).select_related("council")}
    for step in steps:  # "only if the subject holds" names an office whose holders the walk must know
        if step.only_if_subject_holds_id and step.only_if_subject_holds_id not in offices:
            offices[step.only_if_subject_holds_id] = step.only_if_subject_holds  # type: ignore[assignment]
    for spec in specs:  # a named office always resolves, even if it moved council since
        if spec.office_id and spec.office_id not in offices and spec.office is not None:
            offices[spec.office_id] = spec.office
    holders: dict[int, list[Person]] = defaultdict(list)
    for appointment in (
        Appointment.objects.current(on)
        .filter(office_id__in=list(offices))
        .select_related("person")
        .order_by("start_date", "person_id")
    ):
        holders[appointment.office_id].append(appointment.person)
    group_roles: dict[str, list[Person]] = defaultdict(list)
    if any(s.rule == Rule.SUBJECT_GROUP_ROLE for s in specs):
        subject_groups = (
            GroupMembership.objects.current(on).filter(person=subject, group__council=council).values("group_id")
        )
        for membership in (
            GroupMembership.objects.current(on)
            .filter(
                group_id__in=subject_groups, role__in=[GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY_LEADER]
            )
            .select_related("person")
            .order_by("start_date", "person_id")
        ):
            group_roles[membership.role].append(membership.person)
    committee_roles: dict[int, list[tuple[str, Person]]] = defaultdict(list)
    committee_ids = {s.committee_id for s in specs if s.committee_id}
    if committee_ids:
        for cm in (
            CommitteeMembership.objects.current(on)
            .filter(committee_id__in=committee_ids)
            .select_related("person")
            .order_by("start_date", "person_id")
        ):
            committee_roles[cm.committee_id].append((cm.role, cm.person))
    ctx = _Context(
        council=council,
        complainant=complainant,
        complainant_office=offices.get(complainant_office.pk, complainant_office) if complainant_office else None,
        subject=subject,
        subject_office=offices.get(subject_office.pk, subject_office),
        offices=offices,
        holders=holders,
        group_roles=group_roles,
        committee_roles=committee_roles,
        related_to_subject=people_closely_related_to(person_ids=[subject.pk], on=on),
        related_to_complainant=(
            people_closely_related_to(person_ids=[complainant.pk], on=on) if complainant.pk else set()
        ),
        past_handler_ids=past_handler_ids or set(),
    )
    route = Route(chain=chain)
    for step in steps:
        if _walk_step(step, ctx, route.decisions):
            break
    return route


def route_as_data(route: Route, *, full: bool) -> list[dict[str, Any]]:
    """The route as the API and pages show it (``full``: the viewer may see declared relationships)."""
    return [
        {
            "position": d.position,
            "step": d.label,
            "office": d.office.name if d.office else None,
            "office_council": d.office.council.slug if d.office else None,
            "holder": d.holder.username if d.holder else None,
            "holder_name": str(d.holder) if d.holder else None,
            "outcome": d.outcome,
            "outcome_label": str(Outcome(d.outcome).label),
            "taken": d.taken,
            "why": d.why if full else d.public_why(),
        }
        for d in route.decisions
    ]


def stored_route_rows(decisions: Any, *, full: bool) -> list[dict[str, Any]]:
    """The recorded route of a complaint (RouteDecision rows) in the same shape as ``route_as_data``."""
    return [
        {
            "round": d.round,
            "position": d.position,
            "step": d.label,
            "office": d.office.name if d.office else None,
            "office_council": d.office.council.slug if d.office else None,
            "holder": d.holder.username if d.holder else None,
            "holder_name": str(d.holder) if d.holder else None,
            "outcome": d.outcome,
            "outcome_label": d.get_outcome_display(),
            "taken": d.outcome == Outcome.TAKEN,
            "why": d.why if full else d.public_why(),
        }
        for d in decisions
    ]
