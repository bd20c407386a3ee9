"""Invitations: a person added with an e-mail address is invited to set a password; resend; reset."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail

from roles.models import Invitation, Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "first_name": "Imogen",
    "last_name": "Thistlewood",
    "display_name": "",
    "email": "imogen@example.org",
    "username": "imogen-thistlewood",
}


def _link(message) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r"https?://\S+/accounts/invitation/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_adding_a_person_with_an_email_sends_an_invitation_they_can_accept(
    demo, client, login, django_capture_on_commit_callbacks
):
    clerk = login("ll-town-clerk")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/councils/leighton-linslade/people/new/", NEW_PERSON)
    assert response.status_code == 302
    person = Person.objects.get(username="imogen-thistlewood")
    invitation = Invitation.objects.get(person=person)
    assert invitation.sent_by == clerk and invitation.emailed_at is not None
    assert invitation.history.first().history_change_reason == "Invitation e-mailed"  # type: ignore[attr-defined]
    assert invitation.history.last().history_user == clerk  # type: ignore[attr-defined]
    assert [m.to for m in mail.outbox] == [["imogen@example.org"]]
    assert "imogen-thistlewood" in mail.outbox[0].body

    page = client.get(f"/people/{person.username}/").content.decode()
    assert "Not accepted yet" in page and "Send the invitation again" in page

    client.logout()
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert "Set your password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "larch-meadow-2026", "new_password2": "larch-meadow-2026"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").context["user"] == person  # signed in
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.history.first().history_user == person  # type: ignore[attr-defined]
    # The link works once.
    assert "expired or was already used" in client.get(link, follow=True).content.decode()


def test_person_without_an_email_is_not_invited(demo, client, login):
    login("ll-town-clerk")
    client.post("/councils/leighton-linslade/people/new/", {**NEW_PERSON, "email": ""})
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_clerk_resends_and_another_councils_clerk_may_not(demo, client, login, django_capture_on_commit_callbacks):
    login("ll-town-clerk")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/councils/leighton-linslade/people/new/", NEW_PERSON)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/imogen-thistlewood/invite/", follow=True)
    assert "Invitation sent to imogen@example.org." in response.content.decode()
    assert Invitation.objects.filter(person__username="imogen-thistlewood").count() == 2
    assert len(mail.outbox) == 2
    login("tw-chief-executive")
    assert client.post("/people/imogen-thistlewood/invite/").status_code == 403
    assert Invitation.objects.count() == 2


def test_someone_who_already_has_a_password_is_not_invited(demo, client, login):
    login("ll-town-clerk")
    response = client.post("/people/ll-councillor-1/invite/", follow=True)
    assert "already has a password" in response.content.decode()
    assert not Invitation.objects.exists()


def test_password_reset_works_for_an_invited_person_only(demo, client, login):
    login("ll-town-clerk")
    client.post("/councils/leighton-linslade/people/new/", NEW_PERSON)
    Person.objects.create(username="no-login", email="nologin@example.org", password="!unusable")
    client.logout()
    mail.outbox.clear()
    client.post("/accounts/password_reset/", {"email": "imogen@example.org"})
    client.post("/accounts/password_reset/", {"email": "nologin@example.org"})
    assert [m.to for m in mail.outbox] == [["imogen@example.org"]]


def test_invitation_link_expires(demo, settings, monkeypatch):
    person = Person.objects.create(username="late", email="late@example.org", password="!unusable")
    long_ago = datetime.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: long_ago)
    token = default_token_generator.make_token(person)
    assert default_token_generator.check_token(person, token)  # valid then
    monkeypatch.undo()
    assert not default_token_generator.check_token(person, token)  # expired now
