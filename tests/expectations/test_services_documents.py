"""Versions: drafts from checked clauses, adoption that supersedes, and bad input refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from expectations.models import Clause, ProtocolDocument
from expectations.services import (
    ClauseInput,
    protocol_adopt,
    protocol_control_update,
    protocol_draft_clauses_replace,
    protocol_draft_create,
    protocol_transition,
)
from roles.models import Council

from .factories import EXPECTATION, adopted_new_version, draft_for

pytestmark = pytest.mark.django_db


def council(slug: str = "leighton-linslade") -> Council:
    return Council.objects.get(slug=slug)


def test_draft_holds_the_checked_clauses_in_order(catalogue_reference):
    draft = draft_for(
        council(),
        clauses=[
            ClauseInput(number="5.4", kind=EXPECTATION, text="Timely response.", section="5. Expectations"),
            ClauseInput(number="5.14", kind=EXPECTATION, text="Respect for the Mayor."),
        ],
    )
    assert draft.status == "draft" and draft.supersedes is None
    assert list(draft.clauses.values_list("number", flat=True)) == ["5.4", "5.14"]
    assert draft.history.first().history_change_reason.startswith("Draft version 2")


def test_duplicate_clause_number_is_refused_and_nothing_is_written(catalogue_reference):
    before = (ProtocolDocument.objects.count(), Clause.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        draft_for(
            council(),
            clauses=[
                ClauseInput(number="5.4", kind=EXPECTATION, text="Timely response."),
                ClauseInput(number="5.4 ", kind=EXPECTATION, text="Another clause with the same number."),
            ],
        )
    assert "Clause number 5.4 is used more than once" in excinfo.value.message_dict["clauses"][0]
    assert (ProtocolDocument.objects.count(), Clause.objects.count()) == before


def test_duplicate_clause_number_is_also_a_database_constraint(catalogue_reference):
    document = ProtocolDocument.objects.get(council__slug="leighton-linslade")
    with pytest.raises(IntegrityError), transaction.atomic():
        Clause.objects.create(document=document, number="5.4", kind=EXPECTATION, text="x")


def test_existing_version_number_is_refused(catalogue_reference):
    with pytest.raises(ValidationError) as excinfo:
        draft_for(council(), version="1")
    assert "already has a version 1" in excinfo.value.message_dict["version"][0]


def test_adopting_supersedes_the_old_version_which_stays_intact(catalogue_reference):
    old = ProtocolDocument.objects.get(council__slug="leighton-linslade", status="adopted")
    old_clauses = list(old.clauses.values_list("number", "text"))
    new = adopted_new_version(council())
    old.refresh_from_db()
    assert (new.status, old.status) == ("adopted", "superseded")
    assert new.supersedes == old and old.superseded_by == new
    assert list(old.clauses.values_list("number", "text")) == old_clauses
    assert old.history.first().history_change_reason == "Adopted → Superseded: version 2 adopted"
    assert ProtocolDocument.objects.filter(council=new.council, status="adopted").count() == 1


def test_review_date_before_adoption_is_refused_and_nothing_changes(catalogue_reference):
    draft = draft_for(council())
    with pytest.raises(ValidationError) as excinfo:
        protocol_adopt(actor=None, document=draft, adopted_on=date(2026, 11, 1), review_due=date(2026, 1, 1))
    assert excinfo.value.message_dict["review_due"] == ["The review date cannot be before the adoption date."]
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.adopted_on is None
    assert ProtocolDocument.objects.get(council__slug="leighton-linslade", version="1").status == "adopted"


def test_review_date_before_adoption_refused_in_document_control(catalogue_reference):
    ki = ProtocolDocument.objects.get(council__slug="kingsthorpe")
    with pytest.raises(ValidationError):
        protocol_control_update(actor=None, document=ki, review_due=date(2020, 1, 1))
    ki.refresh_from_db()
    assert str(ki.review_due) == "2024-06-30"


def test_review_date_rule_is_a_database_constraint_too(catalogue_reference):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtocolDocument.objects.filter(council__slug="kingsthorpe").update(review_due=date(2020, 1, 1))


def test_only_drafts_are_adopted_and_superseded_is_final(catalogue_reference):
    adopted = ProtocolDocument.objects.get(council__slug="tewkesbury")
    with pytest.raises(ValidationError, match="not a draft"):
        protocol_adopt(actor=None, document=adopted, adopted_on=date(2026, 1, 1))
    new = adopted_new_version(Council.objects.get(slug="tewkesbury"))
    adopted.refresh_from_db()
    with transaction.atomic(), pytest.raises(ValidationError, match="cannot be marked"):
        protocol_transition(actor=None, document=adopted, to="adopted", reason="x")
    assert new.status == "adopted"


def test_one_adopted_protocol_per_council_is_a_database_constraint(catalogue_reference):
    draft = draft_for(council())
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtocolDocument.objects.filter(pk=draft.pk).update(status="adopted")


def test_draft_clauses_corrected_but_adopted_text_never_rewritten(catalogue_reference):
    draft = draft_for(council())
    protocol_draft_clauses_replace(
        actor=None,
        document=draft,
        clauses=[
            ClauseInput(number="1.1", kind=EXPECTATION, text="Corrected."),
            ClauseInput(number="1.2", kind="principle", text="Added."),
        ],
    )
    assert list(draft.clauses.values_list("number", "text")) == [("1.1", "Corrected."), ("1.2", "Added.")]
    adopted = ProtocolDocument.objects.get(council__slug="peacehaven")
    with pytest.raises(ValidationError, match="Only a draft"):
        protocol_draft_clauses_replace(
            actor=None, document=adopted, clauses=[ClauseInput(number="1", kind="principle", text="x")]
        )
    assert adopted.clauses.count() == 36


def test_a_sixth_council_needs_no_code(catalogue_reference):
    from expectations.parsing import clauses_propose
    from expectations.services.documents import clause_inputs_from

    sixth = Council.objects.create(name="Sixth Parish Council", slug="sixth", code="sx", tier="parish")
    text = "1. Expectations\n\n1.1 Councillors can expect from officers:\n\n(a) Timely response.\n(b) Respect.\n"
    rows = [
        {**p.as_initial(), "kind": "principle" if p.number == "1.1" else EXPECTATION} for p in clauses_propose(text)
    ]
    draft = protocol_draft_create(
        actor=None, council=sixth, title="Protocol", version="1", clauses=clause_inputs_from(rows)
    )
    adopted = protocol_adopt(actor=None, document=draft, adopted_on=date(2026, 10, 1))
    assert adopted.supersedes is None
    assert list(adopted.clauses.values_list("number", flat=True)) == ["1.1", "1.1(a)", "1.1(b)"]


def test_only_the_councils_administrators_adopt_and_a_refusal_writes_nothing(demo, catalogue_reference, person):
    from django.core.exceptions import PermissionDenied

    draft = draft_for(council(), "3")
    before = ProtocolDocument.history.count()
    with pytest.raises(PermissionDenied):
        protocol_adopt(actor=person("ll-councillor-1"), document=draft, adopted_on=date(2026, 11, 1))
    draft.refresh_from_db()
    assert draft.status == "draft" and ProtocolDocument.history.count() == before
    assert ProtocolDocument.objects.get(council=council(), status="adopted").version == "1"
    adopted = protocol_adopt(actor=person("ll-town-clerk"), document=draft, adopted_on=date(2026, 11, 1))
    assert adopted.status == "adopted" and adopted.history.first().history_user == person("ll-town-clerk")
