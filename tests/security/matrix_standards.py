"""Expected access for the standards app: Code of Conduct cases (private) and the public registers."""

from __future__ import annotations

from standards.models import ConductComplaint

from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, only, signed_in

LL = {"slug": "leighton-linslade"}
TW = {"slug": "tewkesbury"}
API_ANON = FORBIDDEN


def data_ll_conduct_case() -> ConductComplaint:
    """ll-officer-1 complains about ll-councillor-2: Central Bedfordshire's Monitoring Officer ("mo") has it."""
    from roles.models import Council, Person
    from standards.services import conduct_complaint_create

    existing = ConductComplaint.objects.filter(complainant__username="ll-officer-1").first()
    if existing is not None:
        return existing
    officer = Person.objects.get(username="ll-officer-1")
    return conduct_complaint_create(
        actor=officer,
        council=Council.objects.get(slug="leighton-linslade"),
        subject=Person.objects.get(username="ll-councillor-2"),
        complainant=officer,
        allegation="Abusive remarks at the allotments meeting.",
    )


def data_ll_interest():  # type: ignore[no-untyped-def]
    from roles.models import InterestDeclaration

    return InterestDeclaration.objects.filter(council__slug="leighton-linslade").first()


def data_ll_briefing():  # type: ignore[no-untyped-def]
    """ll-councillor-1 (leader of Riverside Independents) asks for an officer at the group's meeting."""
    from datetime import timedelta

    from roles.models import Person, PoliticalGroup, today
    from standards.models import GroupBriefing
    from standards.services import briefing_request

    existing = GroupBriefing.objects.filter(group__slug="riverside-independents").first()
    return existing or briefing_request(
        actor=Person.objects.get(username="ll-councillor-1"),
        group=PoliticalGroup.objects.get(slug="riverside-independents"),
        topic="Budget options",
        meeting_on=today() + timedelta(days=5),
    )


def data_ll_correspondence():  # type: ignore[no-untyped-def]
    from roles.models import Council, Person
    from standards.models import Correspondence
    from standards.services import correspondence_record

    existing = Correspondence.objects.filter(subject="Allotment lease").first()
    return existing or correspondence_record(
        actor=Person.objects.get(username="ll-officer-1"),
        council=Council.objects.get(slug="leighton-linslade"),
        recipients=[Person.objects.get(username="ll-councillor-1")],
        subject="Allotment lease",
        body="The draft lease.",
    )


# The complainant ("officer") and the Monitoring Officer see the case; no one else may know it exists.
CASE_SEEN = only({"officer", "mo"}, others=NOT_FOUND)

CASES = [
    Case("standards:list", signed_in(OK)),
    Case("standards:list", signed_in(OK), label="filtered", query="?state=received"),
    Case("standards:create", signed_in(OK), lambda d: LL),
    Case("standards:detail", CASE_SEEN, lambda d: {"pk": d.ll_conduct_case.pk}),
    Case(
        "standards:action",
        {**CASE_SEEN, "officer": FORBIDDEN},  # the complainant may not assess
        lambda d: {"pk": d.ll_conduct_case.pk, "action": "assess"},
        label="assess",
    ),
    Case(
        "standards:action",
        CASE_SEEN,  # the complainant may withdraw; the MO too
        lambda d: {"pk": d.ll_conduct_case.pk, "action": "withdraw"},
        label="withdraw",
    ),
    Case(
        "standards:action",
        {**CASE_SEEN, "officer": NOT_FOUND, "mo": NOT_FOUND},
        lambda d: {"pk": d.ll_conduct_case.pk, "action": "no-such-action"},
        label="unknown action",
    ),
    Case(
        "history",
        only({"officer", "mo"}, others=NOT_FOUND),
        lambda d: {"label": "standards.conductcomplaint", "pk": d.ll_conduct_case.pk},
        label="conduct complaint",
    ),
    # The register of interests is kept by the council's administrators or its Monitoring Officer.
    Case(
        "roles:declaration-create",
        only({"clerk", "mo"}),
        lambda d: {**LL, "kind": "interest"},
        label="interest register",
    ),
    Case(
        "roles:declaration-end",
        only({"clerk", "mo"}),
        lambda d: {**LL, "kind": "interest", "pk": d.ll_interest.pk},
        label="interest register",
    ),
    Case("standards:decision-notices", everyone(OK), lambda d: LL),
    Case("standards:decision-notices", everyone(OK), lambda d: TW, label="csv", query="?format=csv"),
    Case("standards:interests", everyone(OK), lambda d: TW),
    Case("standards:interests", everyone(OK), lambda d: TW, label="csv search", query="?format=csv&q=Director"),
    Case("standards:interests-history", everyone(OK), lambda d: TW),
    Case("standards:acting-against", everyone(OK), lambda d: TW),
    Case("standards:acting-against-history", everyone(OK), lambda d: TW),
    Case("standards:briefings", signed_in(OK), lambda d: LL),
    Case("standards:briefing-request", only({"councillor"}), lambda d: LL),
    Case(
        "standards:briefing-decide",
        {**only({"clerk"}, others=NOT_FOUND), "councillor": FORBIDDEN, "mo": FORBIDDEN},
        lambda d: {**LL, "pk": d.ll_briefing.pk},
    ),
    Case("standards:ward-events", signed_in(OK), lambda d: LL),
    Case("standards:ward-event-create", only({"clerk", "officer"}), lambda d: LL),
    Case("standards:correspondence", signed_in(OK)),
    Case("standards:correspondence-create", only({"clerk", "officer", "councillor"}), lambda d: LL),
    Case(
        "standards:correspondence-detail",
        only({"officer", "councillor"}, others=NOT_FOUND),
        lambda d: {"pk": d.ll_correspondence.pk},
    ),
    Case("api-conduct-list", {**signed_in(OK), "anonymous": API_ANON}),
    Case(
        "api-conduct-detail",
        {**CASE_SEEN, "anonymous": API_ANON},
        lambda d: {"pk": d.ll_conduct_case.pk},
    ),
    *[
        Case(name, {**signed_in(NOT_ALLOWED), "anonymous": API_ANON}, lambda d: {"pk": d.ll_conduct_case.pk})
        for name in ("api-conduct-assess", "api-conduct-ip-view", "api-conduct-decide")
    ],
    Case("api-decision-notices", everyone(OK), lambda d: LL),
    Case("api-interest-register", everyone(OK), lambda d: TW),
    Case("api-acting-against-register", everyone(OK), lambda d: TW),
]
