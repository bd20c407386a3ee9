"""The information-request list: filter, search by name, sort, paginate and the same rows as CSV."""

from __future__ import annotations

import csv
import io

import pytest

from access_requests import services
from access_requests.models import Document, State
from protocol_portal.core.worklist import work_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_made(demo, person):  # type: ignore[no-untyped-def]
    exempt = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    made = {}
    for username in ("tw-councillor-1", "tw-councillor-3"):
        made[username] = services.access_request_submit(
            actor=person(username),
            council=exempt.council,
            requester=person(username),
            document=exempt,
            basis="need_to_know",
            purpose="For the committee.",
        )
    services.access_request_refer(actor=person("tw-director"), access_request=made["tw-councillor-3"], reason="doubt")
    return made


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_filtered_list_and_its_csv_hold_the_same_rows_by_name(requests_made, client, login, person):
    login("tw-director")
    query = {"council": "tewkesbury", "state": State.SUBMITTED}
    page = client.get("/requests/", query)
    assert [row.record.pk for row in page.context["table"].page.object_list] == [requests_made["tw-councillor-1"].pk]
    response = client.get("/requests/", {**query, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == ["Request", "Document or information", "Councillor", "Council", "State", "Decision due"]
    assert len(rows) == 2
    assert rows[1][0] == requests_made["tw-councillor-1"].reference
    assert rows[1][2] == str(person("tw-councillor-1"))  # a name, never an id or username
    assert rows[1][3] == "Tewkesbury Borough Council"


def test_search_finds_requests_by_the_councillors_name_and_by_reference(requests_made, client, login, person):
    login("tw-director")
    first_name = person("tw-councillor-3").first_name
    found = client.get("/requests/", {"q": first_name}).context["table"].data.data
    assert [r.pk for r in found] == [requests_made["tw-councillor-3"].pk]
    reference = requests_made["tw-councillor-1"].reference
    assert reference.startswith("TW-R0")
    found = client.get("/requests/", {"q": reference}).context["table"].data.data
    assert [r.pk for r in found] == [requests_made["tw-councillor-1"].pk]


def test_sorting_by_a_column_and_a_bad_filter_value_changes_nothing(requests_made, client, login):
    login("tw-director")
    ordered = client.get("/requests/", {"sort": "reference"}).context["table"]
    pks = [row.record.pk for row in ordered.page.object_list]
    assert pks == sorted(pks)
    descending = client.get("/requests/", {"sort": "-reference"}).context["table"]
    assert [row.record.pk for row in descending.page.object_list] == sorted(pks, reverse=True)
    bad = client.get("/requests/", {"state": "nonsense"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()


def test_deciders_home_page_links_to_the_requests_awaiting_their_decision(requests_made, person):
    queues = [q for q in work_for(person("tw-director")) if q.key == "access_requests.to_decide"]
    assert [(q.count, q.council) for q in queues] == [(1, "Tewkesbury Borough Council")]
    assert queues[0].url == "/requests/?council=tewkesbury&state=submitted"
    disputes = [q for q in work_for(person("tw-monitoring-officer")) if q.key == "access_requests.disputes"]
    assert disputes and disputes[0].count == 1
    own = [q for q in work_for(person("tw-councillor-1")) if q.key == "access_requests.own"]
    assert own and own[0].next_due == requests_made["tw-councillor-1"].due_date


def test_document_register_filters_and_exports_with_each_persons_access(demo, client, login):
    login("tw-councillor-1")
    page = client.get("/requests/documents/", {"classification": "exempt", "council": "tewkesbury"})
    titles = [row.record.title for row in page.context["table"].page.object_list]
    assert "Mill Road depot disposal: heads of terms" in titles
    assert all(row.record.classification == "exempt" for row in page.context["table"].page.object_list)
    rows = _csv(client.get("/requests/documents/", {"q": "Mill Road", "format": "csv"}))
    assert rows[0] == ["Document", "Council", "Classification", "Category", "Meeting", "Your access"]
    mill = [r for r in rows[1:] if r[0] == "Mill Road depot disposal: heads of terms"]
    assert mill and mill[0][1] == "Tewkesbury Borough Council" and mill[0][5] == "Request needed"
