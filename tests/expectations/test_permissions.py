"""Published versions are public; drafts are the administrators' (and explicit guardian grants'); acknowledgements private."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from guardian.shortcuts import assign_perm

from expectations.models import Acknowledgement, ProtocolDocument
from expectations.permissions import acknowledgements_visible_to, document_check, documents_visible_to
from expectations.services import protocol_acknowledge
from protocol_portal.core.policies import visible_queryset
from roles.models import Council

from .factories import draft_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(catalogue_demo):
    return draft_for(Council.objects.get(slug="leighton-linslade"))


def test_published_versions_for_everyone_drafts_for_administrators(draft, person):
    assert draft not in documents_visible_to(AnonymousUser())
    assert documents_visible_to(AnonymousUser()).count() == 5
    assert draft in documents_visible_to(person("ll-town-clerk"))
    assert draft not in documents_visible_to(person("ll-councillor-1"))
    assert draft not in documents_visible_to(person("tw-member-services-officer"))


def test_object_grant_shows_one_draft_and_a_model_wide_grant_none(draft, person):
    mo = person("cb-monitoring-officer")
    assign_perm("expectations.view_protocoldocument", mo)  # model-wide: must not reveal drafts
    assert draft not in documents_visible_to(mo)
    assign_perm("expectations.view_protocoldocument", mo, draft)
    assert draft in documents_visible_to(mo)


def test_history_page_policy_is_registered(draft, person):
    assert draft not in visible_queryset(person("ll-councillor-1"), ProtocolDocument)
    assert visible_queryset(AnonymousUser(), Acknowledgement).count() == 0


def test_only_administrators_edit_and_adopt(draft, person):
    document_check(person("ll-town-clerk"), "adopt", draft)
    for username in ("ll-councillor-1", "tw-member-services-officer", "cb-monitoring-officer"):
        with pytest.raises(PermissionDenied):
            document_check(person(username), "adopt", draft)


def test_acknowledgements_seen_by_the_person_and_the_clerk(catalogue_demo, person):
    document = ProtocolDocument.objects.get(council__slug="leighton-linslade", status="adopted")
    ack = protocol_acknowledge(person=person("ll-officer-1"), document=document)
    assert ack in acknowledgements_visible_to(person("ll-officer-1"))
    assert ack in acknowledgements_visible_to(person("ll-town-clerk"))
    assert ack not in acknowledgements_visible_to(person("ll-councillor-1"))
    assert ack not in acknowledgements_visible_to(person("tw-member-services-officer"))
