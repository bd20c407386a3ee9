"""Development settings (the default): embedded SQLite, eager Celery, console e-mail."""

from .base import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405 - synthetic scale data, development only
