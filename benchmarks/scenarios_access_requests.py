"""A councillor's requests and a document view; the Monitoring Officer's dispute queue."""

from __future__ import annotations


def scenarios() -> list:
    from django.urls import reverse

    from access_requests.permissions import documents_visible_to
    from benchmarks.run import Scenario
    from roles.models import Person

    councillor = Person.objects.get(username="tw-councillor-2")
    document = documents_visible_to(councillor).order_by("pk").first()
    found = [
        Scenario(
            "councillor requests", "councillor", reverse("access_requests:request-list"), username=councillor.username
        ),
        Scenario(
            "MO dispute queue",
            "monitoring officer",
            reverse("access_requests:dispute-list"),
            username="tw-monitoring-officer",
        ),
        Scenario(
            "documents API", "councillor", reverse("api-document-list"), username=councillor.username, auth="token"
        ),
    ]
    if document is not None:
        found.insert(
            1,
            Scenario(
                "document page",
                "councillor",
                reverse("access_requests:document-detail", args=[document.pk]),
                username=councillor.username,
            ),
        )
    return found
