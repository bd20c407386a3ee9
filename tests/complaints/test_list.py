"""The complaint list: search by names, sort, and the filtered rows as CSV at the same URL."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from complaints.models import Complaint

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_search_by_the_subjects_name_and_csv_of_the_filtered_rows(demo, client, login):
    login("ll-town-clerk")
    mine = Complaint.objects.get(pk=1)
    surname = mine.complainant.first_name
    page = client.get(reverse("complaints:list"), {"q": surname, "council": "leighton-linslade"})
    assert [c.pk for c in page.context["complaints"]] == [1]
    response = client.get(reverse("complaints:list"), {"q": surname, "council": "leighton-linslade", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="complaints.csv"'
    rows = _csv(response)
    assert rows[0][:3] == ["Reference", "Council", "Summary"]
    assert rows[1][0] == "LL-C00001"
    assert rows[1][3] == str(mine.complainant) and rows[1][4] == str(mine.subject)
    assert len(rows) == 2


def test_sorting_by_reference_both_ways(demo, client, login):
    login("ll-town-clerk")
    first = Complaint.objects.get(pk=1)
    fields = {f.attname: getattr(first, f.attname) for f in Complaint._meta.concrete_fields if not f.primary_key}
    Complaint.objects.bulk_create([Complaint(**fields) for _ in range(2)])
    up = [c.pk for c in client.get(reverse("complaints:list"), {"sort": "reference"}).context["complaints"]]
    down = [c.pk for c in client.get(reverse("complaints:list"), {"sort": "-reference"}).context["complaints"]]
    assert len(up) >= 2 and up == sorted(up) and down == sorted(up, reverse=True)


def test_list_no_longer_cites_one_councils_clauses_for_everyone(demo, client, login):
    login("ll-town-clerk")
    assert "TW 2.5" not in client.get(reverse("complaints:list")).content.decode()
