"""Each access rule kind's effect, in one place: a table of kind -> handler, run in protocol order.

A handler reads the request (``Context``), adds its reasons and tightens the outcome. A reason
that *forbids* a decision (``forbids``) is enforced when the decision is made, not only advised;
``MO_MAY_OVERRIDE`` says which forbidding rules the Monitoring Officer may override, with a
recorded reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from roles.models import Council, InterestDeclaration, Person

from ..models import AgendaItem, Basis, Document, RuleKind
from .base import GRANTS, CouncilRules, Evaluation, Reason


@dataclass
class Context:
    council: Council
    requester: Person
    document: Document | None
    basis: str
    has_interest: bool
    interest_details: str
    statutory_settled: bool = False  # the statutory right decided the member's access

    @property
    def restricted(self) -> bool:
        return self.document is not None and not self.document.is_public

    @property
    def member_rights(self) -> bool:
        """A councillor's own rights (statutory or need to know) apply, not a constituent's or the public's."""
        return self.document is not None and self.basis not in (Basis.CONSTITUENT, Basis.FOI)


Handler = Callable[[Context, CouncilRules, Evaluation], None]


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


def disproportionate(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if ctx.document is not None:
        return
    result.tighten("review")
    if rules.has(RuleKind.REFUSE_DISPROPORTIONATE):
        result.reasons.append(
            rules.reason(
                RuleKind.REFUSE_DISPROPORTIONATE,
                "consider",
                "Described information: weigh the staff effort to collate it against its benefit.",
            )
        )


def constituent_public_only(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    kind = RuleKind.CONSTITUENT_PUBLIC_ONLY
    if ctx.basis != Basis.CONSTITUENT or not rules.has(kind):
        return
    document = ctx.document
    if document is None:
        detail = "For a constituent: give only information that is public and not barred by data protection."
        result.reasons.append(rules.reason(kind, "consider", detail))
    elif ctx.restricted or document.category in rules.categories(kind):
        result.tighten("refuse")
        why = "is not public" if ctx.restricted else f"is {document.get_category_display().lower()}"
        detail = f"Requested for a constituent, but the document {why}."
        result.reasons.append(rules.reason(kind, "refuse", detail, forbids=GRANTS))
    else:
        detail = "Public information with no data-protection bar may be given for a constituent."
        result.reasons.append(rules.reason(kind, "grant", detail))


def foi(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if ctx.basis != Basis.FOI or ctx.document is None:
        return
    if rules.has(RuleKind.FOI):
        detail = (
            "Exempt or confidential: FOI exemptions apply; a need to know is the other route."
            if ctx.restricted
            else "Public information: available as to any member of the public."
        )
        result.reasons.append(rules.reason(RuleKind.FOI, "consider" if ctx.restricted else "grant", detail))
    if ctx.restricted:
        result.tighten("review")


def statutory_inspection(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    document = ctx.document
    if not ctx.member_rights or ctx.basis != Basis.STATUTORY or document is None:
        return
    on_agenda = document.meeting_id is not None or document.agenda_item_id is not None
    closed = document.agenda_item is not None and document.agenda_item.part == AgendaItem.Part.CLOSED
    if on_agenda and rules.has(RuleKind.STATUTORY_INSPECTION):
        ctx.statutory_settled = True
        result.reasons.append(
            rules.reason(
                RuleKind.STATUTORY_INSPECTION,
                "grant",
                f"The document relates to business at {document.meeting or 'a meeting'}: "
                "any member may inspect it, on the committee or not.",
            )
        )
        if not (ctx.restricted or closed):
            return
        if rules.has(RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW):
            result.tighten("review")
            detail = "Exempt or confidential material: the councillor must demonstrate a need to know."
            result.reasons.append(rules.reason(RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW, "consider", detail))
        elif rules.has(RuleKind.CLOSED_AGENDA_INSPECTION):
            result.tighten("grant_inspect")
            detail = "Closed-agenda papers may be inspected on the statutory basis."
            result.reasons.append(rules.reason(RuleKind.CLOSED_AGENDA_INSPECTION, "grant", detail))
        else:
            result.tighten("review")
        return
    why = "not linked to a meeting" if not on_agenda else "not covered by a statutory rule here"
    result.tighten("review")
    result.reasons.append(
        Reason(
            rule=RuleKind.STATUTORY_INSPECTION,
            effect="consider",
            detail=f"The statutory right does not apply: the document is {why}; judge it as need to know.",
        )
    )


def need_to_know(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if not ctx.member_rights or ctx.statutory_settled:
        return
    if ctx.restricted:
        result.tighten("review")
        kind = (
            RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW
            if rules.has(RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW)
            else RuleKind.NEED_TO_KNOW
        )
        if rules.has(kind):
            detail = (
                "Exempt or confidential: grant only if the stated purpose shows a need to know "
                "to perform the councillor's duties (not curiosity or an improper motive)."
            )
            result.reasons.append(rules.reason(kind, "consider", detail))
    elif rules.has(RuleKind.NEED_TO_KNOW):
        result.reasons.append(rules.reason(RuleKind.NEED_TO_KNOW, "grant", "Public information."))


def no_copies(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    document = ctx.document
    if document is None or not rules.has(RuleKind.NO_COPIES):
        return
    if document.category not in rules.categories(RuleKind.NO_COPIES):
        return
    result.tighten("grant_inspect")
    detail = f"No copies of {document.get_category_display().lower()} documents: inspection only."
    result.reasons.append(rules.reason(RuleKind.NO_COPIES, "limit", detail, forbids=("grant_copy",)))


def refuse_dpi(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if ctx.document is None or not rules.has(RuleKind.REFUSE_DPI):
        return
    result.interests = dpi_matches(requester=ctx.requester, council=ctx.council, document=ctx.document)
    if result.interests:
        result.tighten("refuse")
        names = "; ".join(f"{i['description']} ({', '.join(i['matters'])})" for i in result.interests)
        detail = f"The register of interests shows a disclosable pecuniary interest in this matter: {names}."
        result.reasons.append(rules.reason(RuleKind.REFUSE_DPI, "refuse", detail, forbids=GRANTS))


def declared_interests(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    detail = f"The requester declared an interest: {ctx.interest_details or 'not described'}."
    if ctx.has_interest and rules.has(RuleKind.REFUSE_PRIVATE_INTEREST):
        result.tighten("review")
        result.reasons.append(rules.reason(RuleKind.REFUSE_PRIVATE_INTEREST, "consider", detail))
    elif ctx.has_interest and rules.has(RuleKind.DECLARE_INTERESTS):
        result.reasons.append(rules.reason(RuleKind.DECLARE_INTERESTS, "consider", detail))
    elif not ctx.has_interest and rules.has(RuleKind.DECLARE_INTERESTS):
        result.reasons.append(rules.reason(RuleKind.DECLARE_INTERESTS, "grant", "The requester declared no interest."))


def mo_determines(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if result.outcome == "review" and rules.has(RuleKind.MO_DETERMINES_DISPUTES):
        detail = "If in doubt about the reasonableness of the request, ask the Monitoring Officer."
        result.reasons.append(rules.reason(RuleKind.MO_DETERMINES_DISPUTES, "consider", detail))


def undertaking(ctx: Context, rules: CouncilRules, result: Evaluation) -> None:
    if ctx.restricted and result.outcome != "refuse" and rules.has(RuleKind.UNDERTAKING):
        detail = "On a grant the councillor accepts the undertaking to use it only for the stated purpose."
        result.reasons.append(rules.reason(RuleKind.UNDERTAKING, "limit", detail))


# Kind -> handler, in the order the protocols apply them (the outcome so far feeds the last two).
RULE_HANDLERS: dict[str, Handler] = {
    RuleKind.REFUSE_DISPROPORTIONATE: disproportionate,
    RuleKind.CONSTITUENT_PUBLIC_ONLY: constituent_public_only,
    RuleKind.FOI: foi,
    RuleKind.STATUTORY_INSPECTION: statutory_inspection,  # also settles CLOSED_AGENDA_INSPECTION
    RuleKind.NEED_TO_KNOW: need_to_know,  # and RESTRICTED_NEEDS_NEED_TO_KNOW
    RuleKind.NO_COPIES: no_copies,
    RuleKind.REFUSE_DPI: refuse_dpi,
    RuleKind.DECLARE_INTERESTS: declared_interests,  # and REFUSE_PRIVATE_INTEREST
    RuleKind.MO_DETERMINES_DISPUTES: mo_determines,
    RuleKind.UNDERTAKING: undertaking,
}

# Forbidding rules the Monitoring Officer may set aside on a determination, with a recorded reason:
# copies of a restricted category (the protocol leaves copies to the MO), and a DPI bar (a dispensation,
# Localism Act 2011 s.33). A constituent's data-protection bar is law, not discretion: never overridden.
MO_MAY_OVERRIDE: frozenset[str] = frozenset({RuleKind.NO_COPIES, RuleKind.REFUSE_DPI})
