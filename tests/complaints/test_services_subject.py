"""The person complained about: told, sees the allegation (not the evidence), replies once, before a finding."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import RoutingChain, SubjectComment
from complaints.services import complaint_create, complaint_respond
from complaints.services.subject import subject_reply
from notifications.models import Notice
from protocol_portal.core.workdays import today
from roles.models import Council

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def invited(demo, person):  # type: ignore[no-untyped-def]
    RoutingChain.objects.filter(council__code="ll", slug="fallback").update(
        subject_may_comment=True, subject_comment_within=5
    )
    return complaint_create(
        actor=person("ll-town-clerk"),
        council=Council.objects.get(code="ll"),
        complainant=person("ll-officer-2"),
        subject=person("ll-officer-1"),
        summary="Shouted at me in the office",
        details="On Monday the officer shouted at me in front of visitors.",
        uploads=[SimpleUploadedFile("witness-statement.pdf", PDF, content_type="application/pdf")],
    )


def test_member_about_officer_chains_do_not_invite_the_subject_by_default(demo):
    assert not RoutingChain.objects.filter(kind="member_about_officer", subject_may_comment=True).exists()


def test_subject_is_told_sees_the_allegation_not_the_evidence_and_replies_once(invited, person, client):
    subject = person("ll-officer-1")
    invitation = SubjectComment.objects.get(complaint=invited)
    notice = Notice.objects.get(recipient=subject, key__contains="subject-invited")
    assert notice.url == reverse("complaints:subject-reply", args=[invited.pk])
    client.force_login(subject)
    page = client.get(notice.url).content.decode()
    assert "shouted at me in front of visitors" in page and "witness-statement" not in page
    assert client.get(invited.get_absolute_url()).status_code == 404  # the complaint itself stays hidden

    handler = person(invited.handler.username)
    with pytest.raises(ValidationError) as excinfo:
        complaint_respond(actor=handler, complaint_id=invited.pk, finding="upheld", response="x")
    assert "invited to comment" in excinfo.value.message_dict["finding"][0]

    client.post(notice.url, {"reply": "I raised my voice once; I have apologised."})
    invitation.refresh_from_db()
    assert invitation.replied and invitation.history.first().history_user == subject
    with pytest.raises(ValidationError):
        subject_reply(actor=subject, complaint_id=invited.pk, reply="A second reply")
    client.force_login(handler)
    assert "I have apologised" in client.get(invited.get_absolute_url()).content.decode()
    complaint_respond(actor=handler, complaint_id=invited.pk, finding="partly_upheld", response="In part.")


def test_only_the_subject_may_reply_and_not_after_the_time_allowed(invited, person, client):
    client.force_login(person("ll-councillor-1"))
    assert client.get(reverse("complaints:subject-reply", args=[invited.pk])).status_code == 404
    late = today() + timedelta(days=30)
    with pytest.raises(ValidationError) as excinfo:
        subject_reply(actor=person("ll-officer-1"), complaint_id=invited.pk, reply="Late", on=late)
    assert "time to reply ended" in excinfo.value.message_dict["reply"][0]
    # After the time allowed, the finding may be made without a reply.
    complaint_respond(
        actor=person(invited.handler.username), complaint_id=invited.pk, finding="upheld", response="x", on=late
    )
