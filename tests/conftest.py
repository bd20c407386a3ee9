"""Shared test fixtures: demo data, logins, and the real-browser setup (Debian chromium)."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright runs an event loop

DEMO_PASSWORD = "demo-pass-2026"


@pytest.fixture(scope="session", autouse=True)
def _session_private_media(tmp_path_factory):
    """Uploads of the whole run (demo documents included) go to a temporary folder."""
    from django.conf import settings as live_settings

    previous = live_settings.PRIVATE_MEDIA_ROOT, live_settings.AUDIT_CHECKPOINT_DIR
    live_settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private_media")
    live_settings.AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("audit_checkpoints")
    yield
    live_settings.PRIVATE_MEDIA_ROOT, live_settings.AUDIT_CHECKPOINT_DIR = previous


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    from django.core.cache import cache

    cache.clear()  # cached pages and rate-limit counters never leak from one test into another
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test's database starts from the same state, so each gets its own checkpoint history.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("checkpoints", numbered=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _load_demo() -> None:
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _session_private_media):
    """Load the demo data once into the test database; each test then runs in a rolled-back
    transaction on top of it (pytest-django runs transactional tests last: they reload it)."""
    from django.test.utils import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        _load_demo()


@pytest.fixture
def demo(db):
    """The five councils, their principal councils, protocols, chains and demo people."""
    from roles.models import Council

    if not Council.objects.filter(slug="leighton-linslade").exists():  # flushed by a transactional test
        _load_demo()


@pytest.fixture
def person(db):
    from roles.models import Person

    def get(username: str) -> Person:
        return Person.objects.get(username=username)

    return get


@pytest.fixture
def login(client, person):
    """Sign the test client in as a demo user: ``login("ll-town-clerk")``."""

    def sign_in(username: str):  # type: ignore[no-untyped-def]
        user = person(username)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_login(live_server, page):
    """Sign in through the real sign-in page."""

    def sign_in(username: str, password: str = DEMO_PASSWORD):  # type: ignore[no-untyped-def]
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button:has-text('Sign in')")
        page.wait_for_load_state()
        return page

    return sign_in


SCREENSHOTS = os.path.join(os.path.dirname(__file__), "..", "screenshots")


@pytest.fixture
def screenshot(page):
    def take(name: str) -> str:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, f"{name}.png")
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def demo_transactional(transactional_db):
    """The demo data, committed (for tests where another process must see it)."""
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
