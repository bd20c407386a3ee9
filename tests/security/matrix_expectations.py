"""Expected access for the expectations app: public protocols, private drafts, the clerk's pages."""

from __future__ import annotations

from expectations.models import Clause, ProtocolDocument

from .matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, everyone, only

LL = {"council": "leighton-linslade"}
LL_V1 = {**LL, "version": "1"}
CLERK_ONLY = only({"clerk"})
LL_OFFICE_HOLDERS = {
    "anonymous": REDIRECT,
    "clerk": OK,
    "councillor": OK,
    "officer": OK,
    "mo": FORBIDDEN,  # Central Bedfordshire's MO holds no Leighton-Linslade office
    "other_clerk": FORBIDDEN,
    "other_councillor": FORBIDDEN,
}
DRAFT_SEEN_BY_CLERK = {**everyone(NOT_FOUND), "clerk": OK}


def data_ll_draft() -> ProtocolDocument:
    """A draft second version of Leighton-Linslade's protocol (visible to its administrators only)."""
    from expectations.services import ClauseInput, protocol_draft_create
    from roles.models import Council

    existing = ProtocolDocument.objects.filter(council__slug="leighton-linslade", version="2-draft").first()
    return existing or protocol_draft_create(
        actor=None,
        council=Council.objects.get(slug="leighton-linslade"),
        title="Councillor/Officer Protocol",
        version="2-draft",
        clauses=[ClauseInput(number="5.4", kind=Clause.Kind.EXPECTATION_OF_OFFICERS, text="Timely response.")],
    )


def _draft(d):  # type: ignore[no-untyped-def]
    return {**LL, "version": d.ll_draft.version}


CASES = [
    Case("expectations:catalogue-index", everyone(OK)),
    Case("expectations:compare", everyone(OK)),
    Case("expectations:compare", everyone(OK), query="?theme=timely-response", label="one theme"),
    Case("expectations:search", everyone(OK), query="?q=timely"),
    Case("expectations:catalogue", everyone(OK), lambda d: LL),
    Case("expectations:clause-detail", everyone(OK), lambda d: {**LL, "number": "5.4"}),
    Case("expectations:export", everyone(OK), lambda d: {**LL, "fmt": "csv"}),
    Case("expectations:print", everyone(OK), lambda d: LL),
    Case("expectations:version-list", everyone(OK), lambda d: LL),
    Case("expectations:version-detail", everyone(OK), lambda d: LL_V1, label="adopted"),
    Case("expectations:version-detail", DRAFT_SEEN_BY_CLERK, _draft, label="draft"),
    Case("expectations:version-text", everyone(OK), lambda d: LL_V1),
    Case("expectations:version-clause-detail", everyone(OK), lambda d: {**LL_V1, "number": "5.4"}),
    Case(
        "expectations:version-clause-detail",
        DRAFT_SEEN_BY_CLERK,
        lambda d: {**_draft(d), "number": "5.4"},
        label="draft",
    ),
    Case("expectations:version-export", everyone(OK), lambda d: {**LL_V1, "fmt": "json"}),
    Case("expectations:version-print", everyone(OK), lambda d: LL_V1),
    Case("expectations:acknowledge", LL_OFFICE_HOLDERS, lambda d: LL),
    Case("expectations:readers", CLERK_ONLY, lambda d: LL),
    Case("expectations:import", CLERK_ONLY, lambda d: LL),
    Case("expectations:version-edit", CLERK_ONLY, lambda d: LL_V1),
    Case("expectations:version-clauses-edit", CLERK_ONLY, _draft),
    Case("expectations:version-adopt", CLERK_ONLY, _draft, label="draft"),
    Case("expectations:version-adopt", {**CLERK_ONLY, "clerk": NOT_FOUND}, lambda d: LL_V1, label="adopted already"),
    Case("api-council-clauses", everyone(OK), lambda d: {"slug": "leighton-linslade"}),
    Case("api-council-protocols", everyone(OK), lambda d: {"slug": "leighton-linslade"}),
    Case("api-themes", everyone(OK)),
]
