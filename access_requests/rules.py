"""Decision support: evaluate a council's access rules (data) against a request.

The result is a recommendation for the deciding officer, never a decision: each reason
names the rule and the clause of the adopted protocol it rests on (absent when the
clause is not loaded or the protocol says nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expectations.models import Clause
from roles.models import Council, InterestDeclaration, Person

from .models import AccessRule, AgendaItem, Basis, Decision, Document, RuleKind, split_terms

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


@dataclass
class Reason:
    rule: str
    effect: str  # grant, limit, consider or refuse
    detail: str
    clause: str = ""
    clause_text: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "label": RuleKind(self.rule).label,
            "effect": self.effect,
            "detail": self.detail,
            "clause": self.clause,
            "clause_text": self.clause_text,
        }


@dataclass
class Evaluation:
    outcome: str = "grant_copy"
    reasons: list[Reason] = field(default_factory=list)
    interests: list[dict[str, Any]] = field(default_factory=list)

    def tighten(self, outcome: str) -> None:
        if OUTCOME_ORDER.index(outcome) > OUTCOME_ORDER.index(self.outcome):
            self.outcome = outcome

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

    def reason(self, kind: str, effect: str, detail: str) -> Reason:
        rule = self.rules[kind]
        clause = self.clauses.get(rule.clause_number)
        return Reason(
            rule=kind,
            effect=effect,
            detail=detail,
            clause=rule.clause_number if clause else "",
            clause_text=clause.text if clause else "",
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


def _terms_match(interest_terms: list[str], document_terms: list[str]) -> list[str]:
    """Terms shared by an interest and a document (a whole phrase of one found in the other)."""
    hits = []
    for term in interest_terms:
        for other in document_terms:
            if term == other or f" {term} " in f" {other} " or f" {other} " in f" {term} ":
                hits.append(other)
    return sorted(set(hits))


def dpi_matches(*, requester: Person, council: Council, document: Document) -> list[dict[str, Any]]:
    """The requester's current registered DPIs touching the document's matters."""
    terms = document.matter_terms()
    if not terms:
        return []
    found = []
    for interest in InterestDeclaration.objects.current().filter(
        member=requester, council=council, category=InterestDeclaration.Category.DPI
    ):
        hits = _terms_match(interest.matter_terms(), terms)
        if hits:
            found.append({"id": interest.pk, "description": interest.description, "matters": hits})
    return found


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
    result = Evaluation()
    restricted = document is not None and not document.is_public
    add = result.reasons.append

    if document is None:
        result.tighten("review")
        if rules.has(RuleKind.REFUSE_DISPROPORTIONATE):
            add(
                rules.reason(
                    RuleKind.REFUSE_DISPROPORTIONATE,
                    "consider",
                    "Described information: weigh the staff effort to collate it against its benefit.",
                )
            )

    if basis == Basis.CONSTITUENT and rules.has(RuleKind.CONSTITUENT_PUBLIC_ONLY):
        barred = rules.categories(RuleKind.CONSTITUENT_PUBLIC_ONLY)
        if document is None:
            add(
                rules.reason(
                    RuleKind.CONSTITUENT_PUBLIC_ONLY,
                    "consider",
                    "For a constituent: give only information that is public and not barred by data protection.",
                )
            )
        elif restricted or document.category in barred:
            result.tighten("refuse")
            why = "is not public" if restricted else f"is {document.get_category_display().lower()}"
            add(
                rules.reason(
                    RuleKind.CONSTITUENT_PUBLIC_ONLY, "refuse", f"Requested for a constituent, but the document {why}."
                )
            )
        else:
            add(
                rules.reason(
                    RuleKind.CONSTITUENT_PUBLIC_ONLY,
                    "grant",
                    "Public information with no data-protection bar may be given for a constituent.",
                )
            )
    elif basis == Basis.FOI and document is not None:
        if rules.has(RuleKind.FOI):
            add(
                rules.reason(
                    RuleKind.FOI,
                    "grant" if not restricted else "consider",
                    "Public information: available as to any member of the public."
                    if not restricted
                    else "Exempt or confidential: FOI exemptions apply; a need to know is the other route.",
                )
            )
        if restricted:
            result.tighten("review")
    elif document is not None:
        _evaluate_member_rights(rules, result, document, basis)

    if (
        document is not None
        and rules.has(RuleKind.NO_COPIES)
        and document.category in rules.categories(RuleKind.NO_COPIES)
    ):
        result.tighten("grant_inspect")
        add(
            rules.reason(
                RuleKind.NO_COPIES,
                "limit",
                f"No copies of {document.get_category_display().lower()} documents: inspection only.",
            )
        )

    if document is not None and rules.has(RuleKind.REFUSE_DPI):
        result.interests = dpi_matches(requester=requester, council=council, document=document)
        if result.interests:
            result.tighten("refuse")
            names = "; ".join(f"{i['description']} ({', '.join(i['matters'])})" for i in result.interests)
            add(
                rules.reason(
                    RuleKind.REFUSE_DPI,
                    "refuse",
                    f"The register of interests shows a disclosable pecuniary interest in this matter: {names}.",
                )
            )

    if has_interest:
        if rules.has(RuleKind.REFUSE_PRIVATE_INTEREST):
            result.tighten("review")
            add(
                rules.reason(
                    RuleKind.REFUSE_PRIVATE_INTEREST,
                    "consider",
                    f"The requester declared an interest: {interest_details or 'not described'}.",
                )
            )
        elif rules.has(RuleKind.DECLARE_INTERESTS):
            add(
                rules.reason(
                    RuleKind.DECLARE_INTERESTS,
                    "consider",
                    f"The requester declared an interest: {interest_details or 'not described'}.",
                )
            )
    elif rules.has(RuleKind.DECLARE_INTERESTS):
        add(rules.reason(RuleKind.DECLARE_INTERESTS, "grant", "The requester declared no interest."))

    if result.outcome == "review" and rules.has(RuleKind.MO_DETERMINES_DISPUTES):
        add(
            rules.reason(
                RuleKind.MO_DETERMINES_DISPUTES,
                "consider",
                "If in doubt about the reasonableness of the request, ask the Monitoring Officer.",
            )
        )
    if restricted and result.outcome != "refuse" and rules.has(RuleKind.UNDERTAKING):
        add(
            rules.reason(
                RuleKind.UNDERTAKING,
                "limit",
                "On a grant the councillor accepts the undertaking to use it only for the stated purpose.",
            )
        )
    return result


def _evaluate_member_rights(rules: CouncilRules, result: Evaluation, document: Document, basis: str) -> None:
    add = result.reasons.append
    restricted = not document.is_public
    on_agenda = document.meeting_id is not None or document.agenda_item_id is not None
    closed = document.agenda_item is not None and document.agenda_item.part == AgendaItem.Part.CLOSED
    if basis == Basis.STATUTORY and on_agenda and rules.has(RuleKind.STATUTORY_INSPECTION):
        add(
            rules.reason(
                RuleKind.STATUTORY_INSPECTION,
                "grant",
                f"The document relates to business at {document.meeting or 'a meeting'}: "
                "any member may inspect it, on the committee or not.",
            )
        )
        if not (restricted or closed):
            return
        if rules.has(RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW):
            result.tighten("review")
            add(
                rules.reason(
                    RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW,
                    "consider",
                    "Exempt or confidential material: the councillor must demonstrate a need to know.",
                )
            )
        elif rules.has(RuleKind.CLOSED_AGENDA_INSPECTION):
            result.tighten("grant_inspect")
            add(
                rules.reason(
                    RuleKind.CLOSED_AGENDA_INSPECTION,
                    "grant",
                    "Closed-agenda papers may be inspected on the statutory basis.",
                )
            )
        else:
            result.tighten("review")
        return
    if basis == Basis.STATUTORY:
        reason = "not linked to a meeting" if not on_agenda else "not covered by a statutory rule here"
        result.tighten("review")
        add(
            Reason(
                rule=RuleKind.STATUTORY_INSPECTION,
                effect="consider",
                detail=f"The statutory right does not apply: the document is {reason}; judge it as need to know.",
            )
        )
    if restricted:
        result.tighten("review")
        kind = (
            RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW
            if rules.has(RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW)
            else RuleKind.NEED_TO_KNOW
        )
        if rules.has(kind):
            add(
                rules.reason(
                    kind,
                    "consider",
                    "Exempt or confidential: grant only if the stated purpose shows a need to know "
                    "to perform the councillor's duties (not curiosity or an improper motive).",
                )
            )
    elif rules.has(RuleKind.NEED_TO_KNOW):
        add(rules.reason(RuleKind.NEED_TO_KNOW, "grant", "Public information."))


def recommended_decision(evaluation: dict[str, Any]) -> str:
    """The decision the recommendation points to, for pre-filling the officer's form."""
    return {
        "grant_copy": Decision.GRANT_COPY,
        "grant_inspect": Decision.GRANT_INSPECT,
        "refuse": Decision.REFUSE,
    }.get(evaluation.get("outcome", ""), "")


__all__ = ["council_rules", "evaluate", "dpi_matches", "split_terms", "recommended_decision"]
