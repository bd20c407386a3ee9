import pytest

from expectations.models import ProtocolDocument
from expectations.selectors import comparison_matrix
from roles.models import Council

pytestmark = pytest.mark.django_db


def _councils_with_protocols(n: int) -> None:
    for i in range(n):
        council = Council.objects.create(name=f"Extra Parish {i:02}", slug=f"extra-{i}", code=f"x{i}", tier="parish")
        ProtocolDocument.objects.create(council=council, title="Protocol", version="1", status="adopted")


def test_the_comparison_is_bounded_however_many_councils_there_are(client, demo, django_assert_max_num_queries):
    _councils_with_protocols(20)
    with django_assert_max_num_queries(12):
        response = client.get("/protocols/compare/")
    matrix = response.context["matrix"]
    assert len(matrix.councils) == 12 and matrix.total_councils == 25
    assert "Showing 12 of 25 councils" in response.content.decode()


def test_chosen_councils_are_compared(client, demo):
    response = client.get("/protocols/compare/?councils=kingsthorpe,%20tewkesbury&theme=timely-response")
    assert [c.slug for c in response.context["matrix"].councils] == ["kingsthorpe", "tewkesbury"]
    assert comparison_matrix(council_slugs=["peacehaven"], limit=12).total_councils == 1
