"""What a rule evaluation produces: reasons (each citing its rule and clause) and an outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expectations.models import Clause
from roles.models import Council

from ..models import AccessRule, RuleKind

# Rules a council with no configured rules gets: the common ground of every protocol we hold.
DEFAULT_RULES: dict[str, dict[str, str]] = {
    RuleKind.STATUTORY_INSPECTION: {},
    RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW: {},
    RuleKind.NEED_TO_KNOW: {},
    RuleKind.DECLARE_INTERESTS: {},
    RuleKind.REFUSE_PRIVATE_INTEREST: {},
    RuleKind.REFUSE_DPI: {},
    RuleKind.REFUSE_DISPROPORTIONATE: {},
    RuleKind.CONSTITUENT_PUBLIC_ONLY: {"categories": "personal_data"},
    RuleKind.FOI: {},
    RuleKind.MO_DETERMINES_DISPUTES: {},
    RuleKind.UNDERTAKING: {},
}

# Recommendations from most to least generous; combining takes the strictest.
OUTCOME_ORDER = ["grant_copy", "grant_inspect", "review", "refuse"]
OUTCOME_LABELS = {
    "grant_copy": "Grant, with a copy",
    "grant_inspect": "Grant, to inspect only",
    "review": "Officer's judgement needed",
    "refuse": "Refuse",
}
GRANTS = ("grant_inspect", "grant_copy", "partial")


@dataclass
class Reason:
    rule: str
    effect: str  # grant, limit, consider or refuse
    detail: str
    clause: str = ""
    clause_text: str = ""
    forbids: tuple[str, ...] = ()  # decisions this rule does not allow (a refusal or limit, not advice)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "label": RuleKind(self.rule).label,
            "effect": self.effect,
            "detail": self.detail,
            "clause": self.clause,
            "clause_text": self.clause_text,
            "forbids": list(self.forbids),
        }


@dataclass
class Evaluation:
    outcome: str = "grant_copy"
    reasons: list[Reason] = field(default_factory=list)
    interests: list[dict[str, Any]] = field(default_factory=list)

    def tighten(self, outcome: str) -> None:
        if OUTCOME_ORDER.index(outcome) > OUTCOME_ORDER.index(self.outcome):
            self.outcome = outcome

    def forbidding(self, decision: str) -> list[Reason]:
        """The reasons whose rule forbids ``decision``."""
        return [reason for reason in self.reasons if decision in reason.forbids]

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "label": OUTCOME_LABELS[self.outcome],
            "reasons": [r.as_dict() for r in self.reasons],
            "registered_interests": self.interests,
        }


@dataclass
class CouncilRules:
    """The enabled rules of one council with the clauses they cite, loaded in two queries."""

    rules: dict[str, AccessRule]
    clauses: dict[str, Clause]

    def has(self, kind: str) -> bool:
        return kind in self.rules

    def categories(self, kind: str) -> list[str]:
        rule = self.rules.get(kind)
        return rule.category_list() if rule else []

    def reason(self, kind: str, effect: str, detail: str, *, forbids: tuple[str, ...] = ()) -> Reason:
        rule = self.rules[kind]
        clause = self.clauses.get(rule.clause_number)
        return Reason(
            rule=kind,
            effect=effect,
            detail=detail,
            clause=rule.clause_number if clause else "",
            clause_text=clause.text if clause else "",
            forbids=forbids,
        )


def council_rules(*, council: Council) -> CouncilRules:
    configured = list(AccessRule.objects.filter(council=council))
    if configured:
        rules = {r.kind: r for r in configured if r.enabled}
    else:
        rules = {kind: AccessRule(council=council, kind=kind, **values) for kind, values in DEFAULT_RULES.items()}
    numbers = {r.clause_number for r in rules.values() if r.clause_number}
    clauses = {
        c.number: c
        for c in Clause.objects.filter(document__council=council, document__status="adopted", number__in=numbers)
    }
    return CouncilRules(rules=rules, clauses=clauses)
