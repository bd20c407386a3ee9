"""The clerk's complaint list and a complaint page; routing a new complaint through the API."""

from __future__ import annotations


def scenarios() -> list:
    from django.urls import reverse

    from benchmarks.run import Scenario
    from complaints.permissions import complaints_visible_to
    from roles.models import Person

    clerk = Person.objects.get(username="tw-member-services-officer")
    complaint = complaints_visible_to(clerk).order_by("pk").first()
    found = [
        Scenario("clerk complaint list", "clerk", reverse("complaints:list"), username=clerk.username),
        Scenario(
            "route a new complaint (API)",
            "councillor",
            reverse("api-complaint-route-preview"),
            username="tw-councillor-2",
            method="POST",
            auth="token",
            body={"council": "tewkesbury", "subject": "tw-officer-1", "summary": "Late reply", "details": "No reply."},
        ),
    ]
    if complaint is not None:
        found.insert(
            1,
            Scenario(
                "complaint page", "clerk", reverse("complaints:detail", args=[complaint.pk]), username=clerk.username
            ),
        )
    return found
