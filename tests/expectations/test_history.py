"""History on every model of the app, through the generic history page, which respects draft privacy."""

from __future__ import annotations

import pytest

from expectations.models import Acknowledgement, Clause, ProtocolDocument, Theme
from expectations.services import protocol_acknowledge
from roles.models import Council

from .factories import draft_for

pytestmark = pytest.mark.django_db


def test_every_model_keeps_history():
    for model in (Theme, ProtocolDocument, Clause, Acknowledgement):
        assert hasattr(model, "history"), model


def test_history_page_of_a_draft_only_for_its_administrators(catalogue_demo, client, login):
    draft = draft_for(Council.objects.get(slug="leighton-linslade"))
    url = f"/history/expectations.protocoldocument/{draft.pk}/"
    login("ll-councillor-1")
    assert client.get(url).status_code == 404
    login("ll-town-clerk")
    response = client.get(url)
    assert response.status_code == 200 and "Draft version 2" in response.content.decode()


def test_history_names_who_confirmed_reading(catalogue_demo, client, login, person):
    document = ProtocolDocument.objects.get(council__slug="leighton-linslade", status="adopted")
    ack = protocol_acknowledge(person=person("ll-officer-1"), document=document)
    login("ll-town-clerk")
    assert client.get(f"/history/expectations.acknowledgement/{ack.pk}/").status_code == 200
    login("ll-councillor-1")
    assert client.get(f"/history/expectations.acknowledgement/{ack.pk}/").status_code == 404
