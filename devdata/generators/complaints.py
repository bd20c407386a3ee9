"""Scale data for complaints: each council's chains (copied from its tier's real council), complaints
in every state with their route, timeline, history and the object permissions that go with them."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Permission

from complaints.loaders import FIXTURE
from complaints.models import (
    ChainStep,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    ComplaintUserObjectPermission,
    RouteDecision,
    RoutingChain,
)
from complaints.workflow import State
from devdata.generators.roles import TEMPLATES
from devdata.scale import ScaleContext, bulk_plain, bulk_with_history
from roles.models import Committee, Office

STATES = list(State.values)


def _office_for(ctx: ScaleContext, council: Any, ref: str) -> Office | None:
    council_slug, _, slug = ref.rpartition(":")
    if council_slug and council.principal_council_id:  # another council's office: use the principal council's
        return ctx.offices_by_council.get(council.principal_council_id, {}).get(slug)
    return ctx.offices_by_council[council.pk].get(slug)


def _chains(ctx: ScaleContext) -> dict[int, list[tuple[RoutingChain, list[ChainStep]]]]:
    spec = json.loads(FIXTURE.read_text())
    committees = {(c.council_id, c.slug): c for c in Committee.objects.filter(council__in=ctx.councils)}
    settings_rows, chains, steps_spec = [], [], []
    for council in ctx.councils:
        template = spec[TEMPLATES[council.tier]]
        settings_rows.append(ComplaintSettings(council=council, **template["settings"]))
        for chain_spec in template["chains"]:
            chain = RoutingChain(
                council=council,
                slug=chain_spec["slug"],
                **{k: chain_spec[k] for k in ("kind", "name", "clause", "description", "procedures", "informal_first")},
            )
            chains.append(chain)
            steps_spec.append((council, chain, chain_spec["steps"]))
    bulk_with_history(ctx, ComplaintSettings, settings_rows, desc="complaint settings")
    bulk_with_history(ctx, RoutingChain, chains, desc="routing chains")
    steps: list[ChainStep] = []
    for council, chain, step_specs in steps_spec:
        position = 0
        for step_spec in step_specs:
            office = _office_for(ctx, council, step_spec["office"]) if step_spec.get("office") else None
            committee = committees.get((council.pk, step_spec.get("committee", "")))
            if (step_spec.get("office") and office is None) or (step_spec.get("committee") and committee is None):
                continue  # the synthetic council has no such office or body
            position += 1
            steps.append(
                ChainStep(
                    chain=chain,
                    position=position,
                    rule=step_spec["rule"],
                    label=step_spec["label"],
                    office=office,
                    level=step_spec.get("level", ""),
                    flag=step_spec.get("flag", ""),
                    committee=committee,
                    role=step_spec.get("role", ""),
                )
            )
    bulk_with_history(ctx, ChainStep, steps, desc="chain steps")
    by_chain: dict[int, list[ChainStep]] = {}
    for step in steps:
        by_chain.setdefault(step.chain_id, []).append(step)
    result: dict[int, list[tuple[RoutingChain, list[ChainStep]]]] = {}
    for chain in chains:
        if by_chain.get(chain.pk):
            result.setdefault(chain.council_id, []).append((chain, by_chain[chain.pk]))
    return result


def generate(ctx: ScaleContext) -> None:
    chains = _chains(ctx)
    rng = ctx.rng
    # Complaints fall mostly on the principal councils, as in life.
    weights = [20 if c.tier not in ("parish", "town") else 1 for c in ctx.councils]
    eligible = [
        c
        for c in ctx.councils
        if chains.get(c.pk) and ctx.officers_by_council.get(c.pk) and ctx.members_by_council.get(c.pk)
    ]
    eligible_weights = [weights[ctx.councils.index(c)] for c in eligible]
    office_of: dict[tuple[int, int], Office] = {}
    for council in ctx.councils:
        for office in ctx.offices_by_council[council.pk].values():
            for holder in ctx.holders_by_office.get(office.pk, []):
                office_of.setdefault((council.pk, holder.pk), office)
    complaints: list[Complaint] = []
    handlers: list[tuple[Any, Any]] = []
    for n in range(ctx.size.complaints):
        council = rng.choices(eligible, eligible_weights)[0]
        chain, steps = rng.choice(chains[council.pk])
        members, officers = ctx.members_by_council[council.pk], ctx.officers_by_council[council.pk]
        complainant = rng.choice(members)
        subject = rng.choice(officers)
        handler = None
        step = steps[0]
        if step.office_id:
            holders = [
                h for h in ctx.holders_by_office.get(step.office_id, []) if h.pk not in (subject.pk, complainant.pk)
            ]
            handler = holders[0] if holders else None
        received = ctx.today - timedelta(days=rng.randint(0, 730))
        state = rng.choice(STATES)
        complaints.append(
            Complaint(
                council=council,
                chain=chain,
                complainant=complainant,
                complainant_office=office_of[(council.pk, complainant.pk)],
                subject=subject,
                subject_office=office_of[(council.pk, subject.pk)],
                logged_by=complainant,
                channel="email",
                received_on=received,
                summary=f"Scale complaint {n}",
                details="Synthetic details.",
                state=state,
                handler=handler,
                handler_office=step.office if handler else None,
                current_step=step,
                acknowledge_by=received + timedelta(days=5),
                respond_by=received + timedelta(days=28),
            )
        )
        handlers.append((complainant, handler))
    complaints = bulk_with_history(ctx, Complaint, complaints, desc="complaints")
    events, decisions, perms = [], [], []
    view = Permission.objects.get(codename="view_complaint", content_type__app_label="complaints")
    for complaint, (complainant, handler) in zip(complaints, handlers, strict=True):
        first_step = complaint.current_step
        assert first_step is not None
        events.append(
            ComplaintEvent(complaint=complaint, kind="logged", actor=complainant, to_state="received", text="Logged.")
        )
        if complaint.state != State.RECEIVED:
            events.append(
                ComplaintEvent(
                    complaint=complaint,
                    kind="transition",
                    actor=handler,
                    from_state="received",
                    to_state=complaint.state,
                    text="Synthetic transition.",
                )
            )
        decisions.append(
            RouteDecision(
                complaint=complaint,
                round=1,
                sequence=1,
                step=first_step,
                position=1,
                label=first_step.label,
                office=complaint.handler_office,
                holder=handler,
                outcome="taken" if handler else "vacant",
                why="First step of the chain.",
            )
        )
        for person in {complainant, handler} - {None}:
            perms.append(ComplaintUserObjectPermission(user=person, permission=view, content_object=complaint))
    bulk_with_history(ctx, ComplaintEvent, events, desc="complaint events")
    bulk_with_history(ctx, RouteDecision, decisions, desc="route decisions")
    bulk_plain(ctx, ComplaintUserObjectPermission, perms, desc="complaint permissions")
