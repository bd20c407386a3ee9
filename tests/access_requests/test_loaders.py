import pytest

from access_requests.models import AccessRule, Document, Meeting
from tests.access_requests.conftest import load_access_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_rules_and_documents_idempotently(demo):
    assert AccessRule.objects.filter(council__slug="tewkesbury", kind="refuse_dpi", clause_number="3.4(b)").exists()
    assert AccessRule.objects.filter(council__slug="kingsthorpe").count() >= 8
    counts = (Document.objects.count(), Meeting.objects.count(), Document.history.count(), AccessRule.history.count())
    assert counts[0] >= 15
    load_access_demo()
    assert (
        Document.objects.count(),
        Meeting.objects.count(),
        Document.history.count(),
        AccessRule.history.count(),
    ) == counts
    pdf = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    assert pdf.content_type == "application/pdf"
    assert pdf.file.open("rb").read(5) == b"%PDF-"


def test_every_cited_clause_exists_in_the_councils_protocol_fixture():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "fixtures"
    for path in (root / "access_requests").glob("*.json"):
        if path.name == "demo.json":
            continue
        data = json.loads(path.read_text())
        numbers = {
            c["number"] for c in json.loads((root / "expectations" / f"{data['council']}.json").read_text())["clauses"]
        }
        cited = {r["clause"] for r in data["rules"] if r["clause"]}
        assert cited <= numbers, (path.name, cited - numbers)
