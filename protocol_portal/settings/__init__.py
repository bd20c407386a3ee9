"""Development settings (the default): embedded SQLite, eager Celery, console e-mail."""

from .base import *  # noqa: F403
