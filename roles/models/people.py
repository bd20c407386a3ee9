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

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._revoke_api_tokens = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Here, not in a view: every way a password changes (change, reset, admin, shell)
        # ends in set_password() and save(), and none may leave an old API token working.
        revoke = getattr(self, "_revoke_api_tokens", False) and self.pk is not None
        if revoke and not getattr(self, "_change_reason", None):
            self._change_reason = "Password changed: every API token revoked"
        super().save(*args, **kwargs)
        if revoke:
            from knox.models import AuthToken

            AuthToken.objects.filter(user=self).delete()
        self._revoke_api_tokens = False

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Sessions are bound to the password *and* a per-person salt: rotating the salt
        # ("sign out everywhere") invalidates every session at its next request.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password + self.session_salt, secret=secret, algorithm="sha256").hexdigest()
