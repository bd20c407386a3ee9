"""Reading the protocol (LL 3.3): confirm once per version; a new adopted version asks again."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from expectations.models import Acknowledgement, ProtocolDocument
from expectations.selectors import acknowledgement_status, person_unread_protocols
from expectations.services import protocol_acknowledge
from notifications.models import Notice
from roles.models import Council

from .factories import adopted_new_version, draft_for

pytestmark = pytest.mark.django_db


def ll() -> ProtocolDocument:
    return ProtocolDocument.objects.get(council__slug="leighton-linslade", status="adopted")


def test_office_holder_confirms_once(catalogue_demo, person):
    officer = person("ll-officer-1")
    assert ll() in person_unread_protocols(person=officer)
    first = protocol_acknowledge(person=officer, document=ll())
    again = protocol_acknowledge(person=officer, document=ll())
    assert first.pk == again.pk and Acknowledgement.objects.count() == 1
    assert person_unread_protocols(person=officer) == []
    assert first.history.first().history_user == officer


def test_clerk_sees_who_has_not_read(catalogue_demo, person):
    protocol_acknowledge(person=person("ll-councillor-1"), document=ll())
    statuses = {s.person.username: s for s in acknowledgement_status(document=ll())}
    assert statuses["ll-councillor-1"].acknowledgement is not None
    assert statuses["ll-town-clerk"].acknowledgement is None
    assert not any(name.startswith("tw-") for name in statuses)
    assert statuses["ll-town-clerk"].offices  # offices named for the chase list


def test_new_adopted_version_asks_again_with_a_notice(catalogue_demo, person, django_capture_on_commit_callbacks):
    councillor = person("ll-councillor-1")
    protocol_acknowledge(person=councillor, document=ll())
    assert person_unread_protocols(person=councillor) == []
    with django_capture_on_commit_callbacks() as callbacks:
        new = adopted_new_version(Council.objects.get(slug="leighton-linslade"))
    assert [d.pk for d in person_unread_protocols(person=councillor)] == [new.pk]
    notice = Notice.objects.get(key=f"expectations:ack-request:{new.pk}:{councillor.pk}")
    assert "version 2" in notice.subject and notice.url == "/protocols/leighton-linslade/acknowledge/"
    assert not Notice.objects.filter(recipient__username="tw-councillor-1", key__startswith="expectations:ack").exists()
    assert (
        len(callbacks) == Notice.objects.filter(key__startswith="expectations:ack-request").count()
    )  # delivery on commit
    protocol_acknowledge(person=councillor, document=new)
    assert person_unread_protocols(person=councillor) == []


def test_people_outside_the_council_and_old_versions_are_refused(catalogue_demo, person):
    with pytest.raises(PermissionDenied):
        protocol_acknowledge(person=person("tw-councillor-1"), document=ll())
    draft = draft_for(Council.objects.get(slug="leighton-linslade"))
    with pytest.raises(PermissionDenied):
        protocol_acknowledge(person=person("ll-councillor-1"), document=draft)
    assert Acknowledgement.objects.count() == 0


def test_daily_sweep_asks_new_office_holders_once(catalogue_demo, person):
    from datetime import date

    from expectations.services import acknowledgements_request_all
    from expectations.tasks import acknowledgements_request_task
    from roles.models import Office, Person
    from roles.services import appointment_create

    protocol_acknowledge(person=person("ll-officer-1"), document=ll())
    first = acknowledgements_request_all()
    assert first > 0
    assert not Notice.objects.filter(recipient__username="ll-officer-1", key__startswith="expectations:ack").exists()
    assert acknowledgements_request_all() == 0  # nobody asked twice
    newcomer = Person.objects.create(username="ll-new-officer")
    appointment_create(
        actor=None,
        person=newcomer,
        office=Office.objects.get(council__slug="leighton-linslade", slug="officer"),
        basis="employed",
        start_date=date(2026, 11, 1),
        reason="Started work",
    )
    assert acknowledgements_request_task.apply().get() == 1
    assert Notice.objects.get(recipient=newcomer).url == "/protocols/leighton-linslade/acknowledge/"
