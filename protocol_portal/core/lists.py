"""Lists that work at scale: a django-filter filter, a django-tables2 table, and the same rows as CSV.

A list view builds its filtered queryset from the app's selector, then calls ``list_response``: with
``?format=csv`` the response is the filtered, sorted rows as CSV (the table's own text, so names, not ids);
otherwise the table is sorted and paginated for the page.
"""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django_tables2 import RequestConfig, Table

PAGE_SIZE = 25
# A CSV export stops here so one request cannot ask the database for everything at once.
CSV_ROW_LIMIT = 50_000


class _Echo:
    def write(self, value: str) -> str:
        return value


def wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def csv_response(table: Table, *, filename: str) -> StreamingHttpResponse:
    """The table's rows (all pages, current sort) as CSV, cells as shown on the page."""
    writer = csv.writer(_Echo())
    exclude = tuple(name for name, column in table.columns.items() if column.column.attrs.get("csv") == "exclude")
    rows = table.as_values(exclude_columns=exclude)

    def lines():  # type: ignore[no-untyped-def]
        for number, row in enumerate(rows):
            if number > CSV_ROW_LIMIT:
                break
            yield writer.writerow(["" if value is None else str(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def table_configure(request: HttpRequest, table: Table) -> Table:
    """Sort by the ``sort`` parameter and paginate (nothing is paginated for a CSV export)."""
    RequestConfig(request, paginate=False if wants_csv(request) else {"per_page": PAGE_SIZE}).configure(table)
    return table


def table_or_csv(request: HttpRequest, table: Table, *, filename: str) -> HttpResponse | StreamingHttpResponse | None:
    """Configure the table; the CSV response when asked for, else None (render the page)."""
    table_configure(request, table)
    if wants_csv(request):
        return csv_response(table, filename=filename)
    return None
