"""Production settings with the plain manifest storage: the two-server test collects static files
(same manifest, so production's storage reads it) without spending CPU compressing them."""

from protocol_portal.settings.production import *  # noqa: F403
from protocol_portal.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
