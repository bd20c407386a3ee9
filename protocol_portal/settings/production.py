"""Production settings: everything that matters comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis).
Required for `check --deploy`: CACHE_URL (Redis, shared by every app server).
Optional: EMAIL_URL, DEFAULT_FROM_EMAIL, PORTAL_BASE_URL, SECURE_PROXY_SSL_HEADER_NAME,
PRIVATE_STORAGE_BUCKET and AWS_* (private files in S3), AUDIT_CHECKPOINT_BUCKET.
"""

import sys

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False

_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL")
_missing = [name for name in _REQUIRED if not env.str(name, "")]
if _missing:
    sys.stderr.write(f"Production settings need these environment variables: {', '.join(_missing)}.\n")
    raise SystemExit(2)
SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    sys.stderr.write("SECRET_KEY must be a real secret of at least 50 random characters.\n")
    raise SystemExit(2)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# django-ratelimit's own checks (a shared, atomic cache) run in production, with nothing silenced.
INSTALLED_APPS = [*INSTALLED_APPS, "django_ratelimit"]
SILENCED_SYSTEM_CHECKS: list[str] = []
# Sessions in the database (shared by every app server); "cache" keeps them in the shared Redis.
_session_engines = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}
_session_store = env.str("SESSION_STORE", default="db")
if _session_store not in _session_engines:
    sys.stderr.write(f"SESSION_STORE must be one of {', '.join(_session_engines)}; got {_session_store!r}.\n")
    raise SystemExit(2)
SESSION_ENGINE = _session_engines[_session_store]

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Only the load benchmark, which talks plain HTTP on loopback, turns these off.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_NAME=HTTP_X_FORWARDED_PROTO.
_proxy_header = env.str("SECURE_PROXY_SSL_HEADER_NAME", default="")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
