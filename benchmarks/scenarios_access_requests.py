"""The busiest councillor's requests and a document; the Monitoring Officer's dispute queue."""

from __future__ import annotations

from typing import Any


def scenarios(people: dict[str, Any]) -> list:
    from django.urls import reverse

    from access_requests.permissions import documents_visible_to
    from benchmarks.run import Scenario
    from roles.models import Person

    found: list = []
    if "councillor" in people:
        councillor = Person.objects.get(username=people["councillor"].username)
        document = documents_visible_to(councillor).order_by("pk").first()
        found.append(
            Scenario(
                "councillor requests",
                "councillor",
                reverse("access_requests:request-list"),
                username=councillor.username,
            )
        )
        if document is not None:
            found.append(
                Scenario(
                    "document page",
                    "councillor",
                    reverse("access_requests:document-detail", args=[document.pk]),
                    username=councillor.username,
                )
            )
        found.append(
            Scenario(
                "documents API", "councillor", reverse("api-document-list"), username=councillor.username, auth="token"
            )
        )
    if "monitoring officer" in people:
        found.append(
            Scenario(
                "MO dispute queue",
                "monitoring officer",
                reverse("access_requests:dispute-list"),
                username=people["monitoring officer"].username,
            )
        )
    return found
