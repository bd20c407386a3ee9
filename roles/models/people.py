"""People: anyone the protocol concerns, with or without a login."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords


def new_session_salt() -> str:
    return secrets.token_hex(16)


class Person(AbstractUser):
    """Anyone the protocol concerns: councillors, officers, consultants, agency staff.

    People without a login (a consultant named in a complaint) have an unusable
    password; the username is still their stable handle in the API.
    """

    display_name = models.CharField(
        max_length=150, blank=True, help_text="How the person is addressed, e.g. 'Cllr Ada Fenwick'."
    )
    phone = models.CharField(max_length=40, blank=True)
    session_salt = models.CharField(max_length=32, default=new_session_salt, editable=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_salt"])

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Sessions are bound to the password *and* a per-person salt: rotating the salt
        # ("sign out everywhere") invalidates every session at its next request.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password + self.session_salt, secret=secret, algorithm="sha256").hexdigest()
