"""Each access rule, evaluated from the council's data (fixtures/access_requests)."""

import pytest

from access_requests import services
from access_requests.models import AccessRule, Document
from access_requests.rules import evaluate
from roles.models import InterestDeclaration
from tests.roles.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def rec(person, title, basis, **kwargs):
    doc = Document.objects.get(title=title)
    return evaluate(
        council=doc.council,
        requester=person,
        document=doc,
        basis=basis,
        has_interest=kwargs.get("has_interest", False),
        interest_details=kwargs.get("details", ""),
    )


def rules_of(evaluation):
    return {r.rule: r for r in evaluation.reasons}


def test_ll_statutory_closed_agenda_may_be_inspected_but_no_copy_of_contracts(demo, person):
    e = rec(person("ll-councillor-1"), "Grounds maintenance contract: tender evaluation", "statutory")
    assert e.outcome == "grant_inspect"
    reasons = rules_of(e)
    assert reasons["statutory_inspection"].clause == "A-Statutory-1"
    assert reasons["closed_agenda_inspection"].clause == "A-Statutory-2"
    assert reasons["no_copies"].effect == "limit"


@pytest.mark.parametrize(
    "title", ["Pay and grading review: union correspondence", "Grounds maintenance contract: tender evaluation"]
)
def test_ll_no_copies_of_industrial_relations_or_contractual(demo, person, title):
    assert rec(person("ll-councillor-1"), title, "statutory").outcome == "grant_inspect"


def test_ll_public_agenda_paper_gets_a_copy(demo, person):
    assert rec(person("ll-councillor-1"), "Grants to local organisations 2026/27", "statutory").outcome == "grant_copy"


def test_ll_constituent_requests_only_public_information(demo, person):
    refused = rec(person("ll-councillor-1"), "Solicitor's advice on the market charter", "constituent")
    assert refused.outcome == "refuse"
    assert rules_of(refused)["constituent_public_only"].clause == "A-CommonLaw-4"
    assert (
        rec(person("ll-councillor-1"), "Grants to local organisations 2026/27", "constituent").outcome == "grant_copy"
    )


def test_ll_constituent_personal_data_barred_even_if_public(demo, person):
    doc = Document.objects.get(title="Grants to local organisations 2026/27")
    doc.category = "personal_data"
    doc.save()
    assert rec(person("ll-councillor-1"), doc.title, "constituent").outcome == "refuse"


def test_tw_exempt_needs_demonstrated_need_to_know(demo, person):
    e = rec(person("tw-councillor-2"), "Mill Road depot disposal: heads of terms", "statutory")
    assert e.outcome == "review"
    assert rules_of(e)["restricted_need_to_know"].clause == "3.3"
    assert "need to know" in rules_of(e)["restricted_need_to_know"].clause_text


def test_tw_dpi_from_the_register_recommends_refusal(demo, person):
    e = rec(person("tw-councillor-1"), "Counsel's opinion: Mill Road planning appeal", "need_to_know")
    assert e.outcome == "refuse"
    assert rules_of(e)["refuse_dpi"].clause == "3.4(b)"
    assert "mill road" in e.interests[0]["matters"]


def test_ended_dpi_no_longer_counts(demo, person):
    InterestDeclaration.objects.filter(member__username="tw-councillor-1", category="dpi").update(
        end_date="2021-01-01", start_date="2020-01-01"
    )
    e = rec(person("tw-councillor-1"), "Counsel's opinion: Mill Road planning appeal", "need_to_know")
    assert "refuse_dpi" not in rules_of(e)


def test_tw_declared_private_interest_calls_for_judgement(demo, person):
    e = rec(
        person("tw-councillor-2"),
        "Budget monitoring report Q2",
        "need_to_know",
        has_interest=True,
        details="I advise a bidder",
    )
    assert e.outcome == "review"
    assert rules_of(e)["refuse_private_interest"].clause == "3.4(a)"


def test_tw_foi_public_document(demo, person):
    e = rec(person("tw-councillor-2"), "Budget monitoring report Q2", "foi")
    assert e.outcome == "grant_copy" and rules_of(e)["foi"].clause == "3.2"


def test_described_information_weighs_disproportionate_effort(demo, person):
    council = Document.objects.get(title="Budget monitoring report Q2").council
    e = evaluate(
        council=council, requester=person("tw-councillor-2"), document=None, basis="need_to_know", has_interest=False
    )
    assert e.outcome == "review" and rules_of(e)["refuse_disproportionate"].clause == "3.5"


def test_disabled_rule_no_longer_applies(demo, person):
    AccessRule.objects.filter(council__slug="leighton-linslade", kind="no_copies").update(enabled=False)
    e = rec(person("ll-councillor-1"), "Grants to local organisations 2026/27", "statutory")
    assert "no_copies" not in rules_of(e)
    doc = Document.objects.get(title="Grants to local organisations 2026/27")
    doc.category = "contractual"
    doc.save()
    assert rec(person("ll-councillor-1"), doc.title, "statutory").outcome == "grant_copy"


def test_a_council_with_no_rules_gets_sensible_defaults_without_clauses(db, person):
    council = CouncilFactory()
    doc = Document(council=council, title="x", classification="confidential", category="legal_advice", matters="")
    e = evaluate(council=council, requester=None, document=doc, basis="need_to_know", has_interest=False)  # type: ignore[arg-type]
    assert e.outcome == "review"
    assert all(r.clause == "" for r in e.reasons)
    assert "restricted_need_to_know" in rules_of(e)


def test_missing_clause_leaves_the_citation_absent(demo, person):
    from expectations.models import Clause

    Clause.objects.filter(document__council__slug="tewkesbury", number="3.3").delete()
    e = rec(person("tw-councillor-2"), "Mill Road depot disposal: heads of terms", "statutory")
    assert e.outcome == "review" and rules_of(e)["restricted_need_to_know"].clause == ""


def test_rules_are_data_editable_by_the_administrator_only(demo, person):
    from django.core.exceptions import PermissionDenied

    council = Document.objects.get(title="Budget monitoring report Q2").council
    with pytest.raises(PermissionDenied):
        services.access_rule_save(actor=person("tw-councillor-1"), council=council, kind="foi", enabled=False)
    services.access_rule_save(actor=person("tw-member-services-officer"), council=council, kind="foi", enabled=False)
    assert not AccessRule.objects.get(council=council, kind="foi").enabled
