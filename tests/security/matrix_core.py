"""Expected access for the foundation's routes: accounts, history, notices, councils, privacy, base API."""

from __future__ import annotations

from .matrix import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Case, everyone, only, signed_in

LL = {"slug": "leighton-linslade"}
CLERK_ONLY = only({"clerk"})
PRIVACY = only({"clerk", "mo"})
LL_DECLARATION = {
    "anonymous": REDIRECT,
    "clerk": OK,
    "mo": OK,
    "councillor": NOT_FOUND,
    "officer": NOT_FOUND,
    "other_clerk": NOT_FOUND,
    "other_councillor": NOT_FOUND,
}

CASES = [
    Case("home", everyone(OK)),
    Case("healthz", everyone(OK)),
    Case("readyz", everyone(OK)),
    Case("login", everyone(OK)),
    Case("password_reset", everyone(OK)),
    Case("password_reset_done", everyone(OK)),
    Case("password_reset_complete", everyone(OK)),
    Case("password_change", signed_in(OK)),
    Case("password_change_done", signed_in(OK)),
    Case(
        "history",
        signed_in(OK),
        lambda d: {"label": "roles.office", "pk": d.office("leighton-linslade", "town-clerk").pk},
        label="public record",
    ),
    Case(
        "history",
        LL_DECLARATION,
        lambda d: {"label": "roles.relationshipdeclaration", "pk": d.ll_relationship.pk},
        label="private declaration",
    ),
    Case(
        "history", signed_in(NOT_FOUND), lambda d: {"label": "auth.permission", "pk": 1}, label="model without policy"
    ),
    Case("notifications:inbox", signed_in(OK)),
    Case("roles:council-list", everyone(OK)),
    Case("roles:council-create", only(set())),
    Case("roles:council-detail", everyone(OK), lambda d: LL),
    Case("roles:council-edit", CLERK_ONLY, lambda d: LL),
    Case("roles:office-create", CLERK_ONLY, lambda d: LL),
    Case("roles:office-detail", everyone(OK), lambda d: {**LL, "office": "town-clerk"}),
    Case("roles:office-edit", CLERK_ONLY, lambda d: {**LL, "office": "town-clerk"}),
    Case("roles:person-create", CLERK_ONLY, lambda d: LL),
    Case("roles:appointment-create", CLERK_ONLY, lambda d: LL),
    Case(
        "roles:appointment-end",
        CLERK_ONLY,
        lambda d: {**LL, "pk": d.appointment("ll-officer-1").pk},
        label="own council",
    ),
    Case(
        "roles:appointment-end",
        {**CLERK_ONLY, "clerk": NOT_FOUND},
        lambda d: {**LL, "pk": d.appointment("tw-officer-1").pk},
        label="other council's appointment",
    ),
    Case("roles:group-create", CLERK_ONLY, lambda d: LL),
    Case("roles:group-edit", CLERK_ONLY, lambda d: {**LL, "item": "riverside-independents"}),
    Case("roles:ward-create", CLERK_ONLY, lambda d: LL),
    Case("roles:ward-edit", CLERK_ONLY, lambda d: {**LL, "item": "linslade"}),
    Case("roles:committee-create", CLERK_ONLY, lambda d: LL),
    Case("roles:committee-edit", CLERK_ONLY, lambda d: {**LL, "item": "staffing"}),
    Case("roles:membership-create", CLERK_ONLY, lambda d: {**LL, "kind": "group"}),
    Case("roles:membership-end", CLERK_ONLY, lambda d: {**LL, "kind": "group", "pk": d.ll_group_membership.pk}),
    Case("roles:declaration-list", signed_in(OK), lambda d: LL),
    Case("roles:declaration-create", CLERK_ONLY, lambda d: {**LL, "kind": "relationship"}),
    Case("roles:declaration-end", CLERK_ONLY, lambda d: {**LL, "kind": "relationship", "pk": d.ll_relationship.pk}),
    Case("roles:people-list", signed_in(OK)),
    Case("roles:person-detail", signed_in(OK), lambda d: {"username": "ll-councillor-1"}),
    Case("privacy:dashboard", PRIVACY, lambda d: LL),
    Case("privacy:subject-access", PRIVACY, lambda d: LL),
    Case("privacy:rule-create", PRIVACY, lambda d: LL),
    Case("privacy:hold-create", PRIVACY, lambda d: LL),
    Case("privacy:sar-create", PRIVACY, lambda d: LL),
    Case("api-token", everyone(NOT_ALLOWED)),
    Case("api-tokens", signed_in(OK)),
    Case("api-schema", everyone(OK)),
    Case("api-docs", everyone(OK)),
    Case("api-council-list", everyone(OK)),
    Case("api-council-detail", everyone(OK), lambda d: LL),
    Case("api-council-offices", everyone(OK), lambda d: LL),
]
