"""Decision support and enforcement: evaluate a council's access rules (data) against a request.

The evaluation is a recommendation for the deciding officer, and more: a reason whose rule
forbids a decision (``Reason.forbids``) makes that decision refused when it is made, with the
clause cited. Each reason names the rule and the clause of the adopted protocol it rests on
(absent when the clause is not loaded or the protocol says nothing).
"""

from __future__ import annotations

from typing import Any

from roles.models import Council, Person

from ..models import Decision, Document, RuleKind, split_terms
from .base import (
    DEFAULT_RULES,
    GRANTS,
    OUTCOME_LABELS,
    OUTCOME_ORDER,
    CouncilRules,
    Evaluation,
    Reason,
    council_rules,
)
from .handlers import MO_MAY_OVERRIDE, RULE_HANDLERS, Context, dpi_matches


def evaluate(
    *,
    council: Council,
    requester: Person,
    document: Document | None,
    basis: str,
    has_interest: bool,
    interest_details: str = "",
    rules: CouncilRules | None = None,
) -> Evaluation:
    rules = rules or council_rules(council=council)
    ctx = Context(
        council=council,
        requester=requester,
        document=document,
        basis=basis,
        has_interest=has_interest,
        interest_details=interest_details,
    )
    result = Evaluation()
    for handler in RULE_HANDLERS.values():
        handler(ctx, rules, result)
    return result


def forbidden_message(decision: str, reasons: list[Reason]) -> str:
    """Why the council's rules refuse ``decision``, citing each clause."""
    cited = "; ".join(f"{citation(r)}: {r.detail}" for r in reasons)
    return f"The council's rules do not allow '{Decision(decision).label}'. {cited}"


def citation(reason: Reason) -> str:
    label = RuleKind(reason.rule).label
    return f"Clause {reason.clause} ({label})" if reason.clause else label


def recommended_decision(evaluation: dict[str, Any]) -> str:
    """The decision the recommendation points to, for pre-filling the officer's form."""
    return {
        "grant_copy": Decision.GRANT_COPY,
        "grant_inspect": Decision.GRANT_INSPECT,
        "refuse": Decision.REFUSE,
    }.get(evaluation.get("outcome", ""), "")


__all__ = [
    "DEFAULT_RULES",
    "GRANTS",
    "MO_MAY_OVERRIDE",
    "OUTCOME_LABELS",
    "OUTCOME_ORDER",
    "RULE_HANDLERS",
    "CouncilRules",
    "Evaluation",
    "Reason",
    "citation",
    "council_rules",
    "dpi_matches",
    "evaluate",
    "forbidden_message",
    "recommended_decision",
    "split_terms",
]
