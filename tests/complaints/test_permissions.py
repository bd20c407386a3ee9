"""Every complaint URL as every relevant role, against an expected table; no leaks through lists, search,
attachments, history or the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from complaints.permissions import complaints_visible_to
from complaints.services import complaint_attachment_add, complaint_create, complaint_transition
from roles.models import Council

pytestmark = pytest.mark.django_db

# A TW complaint by a councillor about an officer, logged by Member Services, escalated once:
# the Director handled it first, the Chief Executive handles it now.
ROLES = {
    "anonymous": None,
    "complainant": "tw-councillor-1",
    "logger_admin": "tw-member-services-officer",
    "past_handler": "tw-director",
    "handler": "tw-chief-executive",
    "subject": "tw-officer-1",
    "mo_not_referred": "tw-monitoring-officer",
    "unrelated_councillor": "tw-councillor-2",
    "other_council_clerk": "ll-town-clerk",
    "principal_mo_elsewhere": "cb-monitoring-officer",
}
SEES = {"complainant", "logger_admin", "past_handler", "handler"}


def table(**special: int) -> dict[str, int]:
    """200 for those who see it, 404 for everyone else signed in, sign-in redirect for anonymous."""
    expected = {role: (200 if role in SEES else 404) for role in ROLES}
    expected["anonymous"] = 302
    return {**expected, **special}


@pytest.fixture
def scenario(demo, person):
    complaint = complaint_create(
        actor=person("tw-member-services-officer"),
        council=Council.objects.get(code="tw"),
        complainant=person("tw-councillor-1"),
        subject=person("tw-officer-1"),
        summary="Zebra-crossing consultation ignored",
        details="My written comments were never acknowledged.",
        channel="letter",
    )
    complaint_attachment_add(
        actor=person("tw-councillor-1"),
        complaint=complaint,
        upload=SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    complaint_transition(actor=person("tw-director"), complaint_id=complaint.pk, to="escalated", reason="Unresolved")
    return complaint


def cases(c):  # type: ignore[no-untyped-def]
    attachment = c.attachments.get()
    event = c.events.first()
    return [
        ("detail", reverse("complaints:detail", args=[c.pk]), table()),
        ("transition", reverse("complaints:transition", args=[c.pk]), table(past_handler=403)),
        (
            "action",
            reverse("complaints:action", args=[c.pk]),
            table(past_handler=403, complainant=403, logger_admin=403),
        ),
        ("attach", reverse("complaints:attachment-add", args=[c.pk]), table(past_handler=403)),
        ("download", reverse("complaints:attachment", args=[c.pk, attachment.pk]), table()),
        ("history", reverse("history", args=["complaints.complaint", c.pk]), table()),
        ("event history", reverse("history", args=["complaints.complaintevent", event.pk]), table()),
        ("attachment history", reverse("history", args=["complaints.complaintattachment", attachment.pk]), table()),
        (
            "route history",
            reverse("history", args=["complaints.routedecision", c.route.first().pk]),
            table(complainant=404, past_handler=404, handler=404),
        ),
        ("api detail", reverse("api-complaint-detail", args=[c.pk]), table(anonymous=403)),
    ]


def test_every_complaint_url_as_every_role(scenario, person):
    failures = []
    clients = {}
    for role, username in ROLES.items():
        clients[role] = Client()
        if username:
            clients[role].force_login(person(username))
    for name, url, expected in cases(scenario):
        for role, status in expected.items():
            got = clients[role].get(url).status_code
            if got != status:
                failures.append(f"{name} as {role}: expected {status}, got {got}")
    assert failures == []


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_lists_search_and_api_list_leak_nothing(scenario, person, role):
    client = Client()
    client.force_login(person(ROLES[role]))
    page = client.get(reverse("complaints:list"), {"q": "Zebra"}).content.decode()
    api = client.get(reverse("api-complaint-list")).json()
    api_ids = {item["id"] for item in api["results"]}
    sees = role in SEES
    assert ("Zebra-crossing" in page) is sees
    assert (scenario.pk in api_ids) is sees


def test_subject_never_sees_it_even_when_they_administer_the_council(demo, person):
    complaint = complaint_create(
        actor=person("ll-councillor-1"),
        council=Council.objects.get(code="ll"),
        complainant=person("ll-councillor-1"),
        subject=person("ll-town-clerk"),
        summary="Minutes not circulated",
        details="Draft minutes were not circulated within a month.",
    )
    assert not complaints_visible_to(person("ll-town-clerk")).filter(pk=complaint.pk).exists()
    assert complaints_visible_to(person("ll-town-mayor")).filter(pk=complaint.pk).exists()


def test_model_wide_permission_reveals_nothing(scenario, person):
    from django.contrib.auth.models import Permission

    nosy = person("tw-councillor-2")
    nosy.user_permissions.add(Permission.objects.get(codename="view_complaint"))
    assert not complaints_visible_to(nosy).filter(pk=scenario.pk).exists()


def test_mo_sees_only_what_is_referred(demo, person):
    complaint = complaint_create(
        actor=person("tw-officer-1"),
        council=Council.objects.get(code="tw"),
        complainant=person("tw-officer-1"),
        subject=person("tw-councillor-5"),
        summary="Undue pressure at a site visit",
        details="Pressed to change a recommendation.",
        informal_first=False,
    )
    mo = person("tw-monitoring-officer")
    assert not complaints_visible_to(mo).filter(pk=complaint.pk).exists()
    complaint_transition(
        actor=person("tw-senior-officer"),
        complaint_id=complaint.pk,
        to="referred",
        reason="Code of Conduct matter",
        procedure="code_of_conduct",
    )
    assert complaints_visible_to(mo).filter(pk=complaint.pk).exists()
