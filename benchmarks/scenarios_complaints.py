"""The busiest clerk's complaint list, search and a complaint page; the portal administrator's list and API."""

from __future__ import annotations

from typing import Any


def scenarios(people: dict[str, Any]) -> list:
    from django.urls import reverse

    from benchmarks.run import Scenario
    from complaints.permissions import complaints_visible_to
    from roles.models import Person

    found: list = []
    if "clerk" in people:
        clerk = Person.objects.get(username=people["clerk"].username)
        complaint = complaints_visible_to(clerk).order_by("pk").first()
        found.append(Scenario("clerk complaint list", "clerk", reverse("complaints:list"), username=clerk.username))
        found.append(
            Scenario("clerk complaint search", "clerk", reverse("complaints:list") + "?q=late", username=clerk.username)
        )
        if complaint is not None:
            found.append(
                Scenario(
                    "complaint page",
                    "clerk",
                    reverse("complaints:detail", args=[complaint.pk]),
                    username=clerk.username,
                )
            )
    admin = people["administrator"].username
    found.append(Scenario("administrator complaint list", "administrator", reverse("complaints:list"), username=admin))
    found.append(
        Scenario(
            "administrator complaints API", "administrator", reverse("api-complaint-list"), username=admin, auth="token"
        )
    )
    return found
