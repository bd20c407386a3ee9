"""Officers at political group meetings (CD 4.3, TW 2.17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from notifications.models import Notice
from protocol_portal.core.workdays import today
from roles.models import PoliticalGroup
from standards.models import BriefingOffer, GroupBriefing
from standards.permissions import briefing_offers_visible_to, group_briefings_visible_to
from standards.services import briefing_decide, briefing_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(demo, person):  # type: ignore[no-untyped-def]
    group = PoliticalGroup.objects.get(slug="vale-independents")
    return briefing_request(
        actor=person("cd-councillor-2"), group=group, topic="Local plan options", meeting_on=today() + timedelta(days=9)
    )


def _decider(person):  # type: ignore[no-untyped-def]
    from roles.models import Appointment

    return (
        Appointment.objects.current()
        .get(office__council__slug="cabinet-district", office__is_head_of_paid_service=True)
        .person
    )


def test_an_agreed_briefing_is_offered_to_every_other_group(request_, person):
    briefing = briefing_decide(
        actor=_decider(person), briefing_id=request_.pk, agree=True, mo_consulted=False, reasons=""
    )
    assert briefing.state == "agreed"
    others = set(PoliticalGroup.objects.filter(council=briefing.council).exclude(pk=briefing.group_id))
    assert others and {o.group for o in BriefingOffer.objects.filter(briefing=briefing)} == others
    assert Notice.objects.filter(recipient__username="cd-leader", key__contains=":offer:").exists()
    # Idempotent: deciding again is refused and offers nothing twice.
    with pytest.raises(ValidationError):
        briefing_decide(actor=_decider(person), briefing_id=briefing.pk, agree=True, mo_consulted=False, reasons="")
    assert BriefingOffer.objects.filter(briefing=briefing).count() == len(others)
    assert briefing.history.first().history_user == _decider(person)


def test_the_briefing_stays_with_the_group(request_, person):
    briefing_decide(actor=_decider(person), briefing_id=request_.pk, agree=True, mo_consulted=False, reasons="")
    assert group_briefings_visible_to(person("cd-councillor-3")).filter(pk=request_.pk).exists()  # same group
    assert not group_briefings_visible_to(person("cd-leader")).filter(pk=request_.pk).exists()  # other group
    assert briefing_offers_visible_to(person("cd-leader")).filter(briefing=request_).exists()  # told and offered


def test_refusal_only_after_consulting_the_monitoring_officer(request_, person):
    with pytest.raises(ValidationError) as no_mo:
        briefing_decide(actor=_decider(person), briefing_id=request_.pk, agree=False, mo_consulted=False, reasons="No")
    assert "mo_consulted" in no_mo.value.message_dict
    refused = briefing_decide(
        actor=_decider(person), briefing_id=request_.pk, agree=False, mo_consulted=True, reasons="Pre-election period"
    )
    assert refused.state == "refused" and not BriefingOffer.objects.filter(briefing=refused).exists()


def test_only_the_group_leadership_asks_and_only_the_head_of_paid_service_decides(request_, person):
    group = PoliticalGroup.objects.get(slug="vale-independents")
    with pytest.raises(PermissionDenied):
        briefing_request(actor=person("cd-councillor-4"), group=group, topic="t", meeting_on=today())
    with pytest.raises(PermissionDenied):
        briefing_decide(
            actor=person("cd-councillor-2"), briefing_id=request_.pk, agree=True, mo_consulted=False, reasons=""
        )
    with pytest.raises(ValidationError):
        briefing_request(
            actor=person("cd-councillor-2"), group=group, topic=" ", meeting_on=today() - timedelta(days=1)
        )
    assert GroupBriefing.objects.count() == 1


def test_ward_members_are_told_of_a_public_meeting(demo, person):
    from roles.models import Ward
    from standards.services import ward_event_record

    ward = Ward.objects.filter(council__slug="tewkesbury", memberships__isnull=False).first()
    members = {m.person for m in ward.memberships.current()}
    event = ward_event_record(
        actor=person("tw-officer-1"),
        ward=ward,
        kind="consultation",
        title="Parking scheme consultation",
        happens_on=today() + timedelta(days=20),
    )
    told = {n.recipient for n in Notice.objects.filter(key__startswith=f"ward-event:{event.pk}:")}
    assert members and told == members
    assert event.history.first().history_user.username == "tw-officer-1"
    with pytest.raises(PermissionDenied):
        ward_event_record(
            actor=person("tw-councillor-1"), ward=ward, kind="consultation", title="t", happens_on=today()
        )
    with pytest.raises(ValidationError):
        ward_event_record(actor=person("tw-officer-1"), ward=ward, kind="party", title=" ", happens_on=today())


def test_no_blind_copies(demo, person, client):
    from django.urls import reverse

    from roles.models import Council
    from standards.services import correspondence_record

    to = [person("tw-councillor-1"), person("tw-councillor-2"), person("tw-director")]
    item = correspondence_record(
        actor=person("tw-officer-1"),
        council=Council.objects.get(slug="tewkesbury"),
        recipients=to,
        subject="Flood defences briefing",
        body="Notes attached.",
    )
    for recipient in to:
        notice = Notice.objects.get(key=f"correspondence:{item.pk}:{recipient.pk}")
        assert all(str(other) in notice.body for other in to)
        client.force_login(recipient)
        page = client.get(reverse("standards:correspondence-detail", args=[item.pk])).content.decode()
        assert all(str(other) in page for other in to)
    client.force_login(person("tw-councillor-3"))
    assert client.get(reverse("standards:correspondence-detail", args=[item.pk])).status_code == 404
    with pytest.raises(ValidationError):
        correspondence_record(
            actor=person("tw-officer-1"),
            council=Council.objects.get(slug="tewkesbury"),
            recipients=[],
            subject="s",
            body="b",
        )


def test_briefing_pages(request_, person, client):
    from django.urls import reverse

    client.force_login(_decider(person))
    url = reverse("standards:briefing-decide", args=["cabinet-district", request_.pk])
    refused = client.post(url, {"agree": "no", "reasons": "Purdah"})
    assert refused.status_code == 400  # the MO was not consulted: a form message (400, as the API)
    assert client.post(url, {"agree": "yes"}).status_code == 302
    client.force_login(person("cd-leader"))
    page = client.get(reverse("standards:briefings", args=["cabinet-district"])).content.decode()
    assert "offered the same briefing as Vale Independents" in page
    assert "Local plan options" not in page  # the briefing stays with the group that asked
