"""Hostile text in free-text fields is stored exactly as given and always shown escaped."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import models

from protocol_portal.core.audit import audited_save
from protocol_portal.core.policies import registered_models, visible_queryset
from roles.models import Office, Person

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("pwned")</script>'
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "Robert'); DROP TABLE roles_person; --",
    "\u202eevil.exe\u202c Z\u0338\u0322a\u0337l\u0336g\u0335o \U0001f3db\ufe0f \u200b tab\tnewline\nend",
    "L" * 5000,
]
RAW_MARKERS = ["<script>alert(", "<img src=x onerror"]


def _free_text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.SlugField | models.EmailField | models.URLField)
        and not f.choices
        and f.editable
        and not f.unique
        and f.name not in {"password", "username", "key", "session_salt", "number", "version", "code"}
    ]


def _assert_escaped(html: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped {marker!r} in page"


def test_form_input_is_stored_as_given_and_shown_escaped(client, login):
    call_command("load_demo", verbosity=0)
    login("ll-town-clerk")
    name = SCRIPT + " & <b>bold</b>"
    description = "\n".join(PAYLOADS[:4])
    response = client.post(
        "/councils/leighton-linslade/offices/new/",
        {
            "name": name,
            "slug": "hostile",
            "kind": "officer",
            "management_level": "staff",
            "sort_order": 5,
            "description": description,
        },
    )
    assert response.status_code == 302
    office = Office.objects.get(council__slug="leighton-linslade", slug="hostile")
    assert office.name == name and office.description == description
    for url in (
        "/councils/leighton-linslade/",
        "/councils/leighton-linslade/offices/hostile/",
        f"/history/roles.office/{office.pk}/",
    ):
        page = client.get(url)
        assert page.status_code == 200
        _assert_escaped(page.content.decode())
    api = client.get("/api/councils/leighton-linslade/offices/")
    assert api["Content-Type"] == "application/json"  # JSON carries the text as given, never as HTML
    assert name in [o["name"] for o in api.json()]


def test_every_free_text_field_of_every_model_is_escaped_on_its_history_page(client):
    call_command("load_demo", verbosity=0)
    admin = Person.objects.create_superuser("hostile-admin", "admin@example.invalid", "a-long-pass-123")
    client.force_login(admin)
    checked = 0
    for model in registered_models():
        fields = _free_text_fields(model)
        visible = visible_queryset(admin, model)
        obj = visible.order_by("pk").first() if visible is not None else None
        if not fields or obj is None or not hasattr(model, "history"):
            continue
        for field in fields:
            value = (SCRIPT + " " + PAYLOADS[3])[: field.max_length or None]
            setattr(obj, field.name, value)
        audited_save(obj, actor=admin, reason=SCRIPT, validate=False)
        obj.refresh_from_db()
        for field in fields:
            assert getattr(obj, field.name) == (SCRIPT + " " + PAYLOADS[3])[: field.max_length or None]
        response = client.get(f"/history/{model._meta.label_lower}/{obj.pk}/")
        assert response.status_code == 200, model
        html = response.content.decode()
        _assert_escaped(html)
        assert "&lt;script&gt;" in html
        checked += 1
    assert checked >= 10
