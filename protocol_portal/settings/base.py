"""Settings shared by every environment. Everything is read from the environment.

With no environment at all the portal runs embedded: SQLite in the project
directory, Celery tasks executed eagerly, e-mail printed to the console.
"""

import sys
import warnings
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

from access_requests.schedule import BEAT_SCHEDULE as _access_requests_beat
from complaints.schedule import BEAT_SCHEDULE as _complaints_beat
from expectations.schedule import BEAT_SCHEDULE as _expectations_beat
from privacy.schedule import BEAT_SCHEDULE as _privacy_beat
from standards.schedule import BEAT_SCHEDULE as _standards_beat

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
# Off unless a developer turns it on (DJANGO_DEBUG=1, or DEBUG=1): people trying the demo see the
# service's own error pages, never Django's debug page.
DEBUG = env.bool("DJANGO_DEBUG", default=env.bool("DEBUG", default=False))
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])


def _database_from_env() -> dict:
    """One clear line, not a traceback, when DATABASE_URL is unusable."""
    url = env.str("DATABASE_URL", default="")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "db.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # our own message below is clearer
            config = env.db_url_config(url)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the same user error
        sys.stderr.write(f"DATABASE_URL is not a valid database URL ({exc}).\n")
        raise SystemExit(2) from None
    if config.get("ENGINE") not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        sys.stderr.write(
            "DATABASE_URL must be postgres://user@host:port/name (or sqlite:///path); "
            f"got engine {config.get('ENGINE')!r}.\n"
        )
        raise SystemExit(2)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "crispy_forms",
    "crispy_forms_gds",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "django_celery_beat",
    "protocol_portal.core",
    "roles",
    "notifications",
    "expectations",
    "complaints",
    "access_requests",
    "privacy",
    "standards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "protocol_portal.core.middleware.SecurityHeadersMiddleware",
    "protocol_portal.core.locking.LostRaceMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: locks out repeated failed sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "protocol_portal.urls"
WSGI_APPLICATION = "protocol_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "protocol_portal.core.context_processors.portal",
            ],
        },
    },
]

AUTH_USER_MODEL = "roles.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded evidence and council documents are private: kept outside any URL space
# and served only through permission-checked views.
# The embedded mode serves static files straight from the source folders (no collectstatic), DEBUG or not;
# production sets these off and serves the collected, hashed files.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# With several app servers and workers, private files live in one S3 bucket instead
# (django-storages; its own AWS_* settings below). Objects stay private: no ACL, no
# signed URLs, server-side encryption requested on every write.
PRIVATE_STORAGE_BUCKET = env.str("PRIVATE_STORAGE_BUCKET", default="")
PRIVATE_STORAGE_PREFIX = env.str("PRIVATE_STORAGE_PREFIX", default="")
PRIVATE_STORAGE_ENCRYPTION = env.str("PRIVATE_STORAGE_ENCRYPTION", default="AES256")  # or aws:kms
PRIVATE_STORAGE_KMS_KEY_ID = env.str("PRIVATE_STORAGE_KMS_KEY_ID", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None  # None: boto3's own chain (instance role)
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="") or None  # "path" for most local S3 servers
# Audit checkpoints in AUDIT_CHECKPOINT_BUCKET (below): object names and how long each is locked.
AUDIT_CHECKPOINT_PREFIX = env.str("AUDIT_CHECKPOINT_PREFIX", default="checkpoints/")
AUDIT_CHECKPOINT_RETENTION_DAYS = env.int("AUDIT_CHECKPOINT_RETENTION_DAYS", default=7 * 366)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
UPLOAD_ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.oasis.opendocument.text": ".odt",
}

# E-mail: console by default; production reads EMAIL_URL (smtp://user:pass@host:port).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=_email.get("EMAIL_FILE_PATH") or str(BASE_DIR / "sent_mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Protocol Portal <no-reply@localhost>")
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# Celery: no broker configured -> run tasks eagerly in-process (embedded mode).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A request publishes after commit and must never wait on the broker: no publish retries,
# short socket timeouts, and after a failure the broker counts as down for a while (core/enqueue.py).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=0.5)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=2.0),
    "max_retries": 0,
}
CELERY_BROKER_BACKOFF_SECONDS = env.float("CELERY_BROKER_BACKOFF_SECONDS", default=15.0)
# A notice claimed by a worker that then vanished is sent again after this (notifications/tasks.py).
NOTICE_CLAIM_TIMEOUT_SECONDS = env.int("NOTICE_CLAIM_TIMEOUT_SECONDS", default=600)
# Periodic tasks: each app lists its own in <app>/schedule.py; beat reads the merged dict.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "notifications-redeliver-pending": {
        "task": "notifications.tasks.notices_redeliver_pending",
        "schedule": crontab(minute="*"),
    },
    "core-audit-seal-pending": {
        "task": "protocol_portal.core.tasks.audit_seal_pending",
        "schedule": crontab(minute="*"),
    },
    **_expectations_beat,
    **_complaints_beat,
    **_access_requests_beat,
    **_privacy_beat,
    **_standards_beat,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Bodies nested deeper than API_MAX_JSON_DEPTH are refused with a 400 (no RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "protocol_portal.core.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["protocol_portal.core.throttling.WriteRateThrottle"],
}
# API tokens (django-rest-knox): one per device, stored as digests, expiring, revoked when the password changes.
KNOX_TOKEN_MODEL = "knox.AuthToken"
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",  # the contract's "Authorization: Token <token>"
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=24 * 7)),
    "TOKEN_LIMIT_PER_USER": env.int("API_TOKEN_LIMIT_PER_USER", default=20),
    "AUTO_REFRESH": False,
}
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
SPECTACULAR_SETTINGS = {
    "TITLE": "Protocol Portal API",
    "DESCRIPTION": "Councils, offices, protocol clauses, complaints and information-access requests.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Two apps name a field "decision": each choice set gets its own, stable enum name.
    "ENUM_NAME_OVERRIDES": {
        "DecisionEnum": "access_requests.models.Decision",
        "AssessmentEnum": "standards.workflow.Assessment",
        "ComplaintFindingEnum": "complaints.models.stages.Finding",
        "ConductFindingEnum": "standards.workflow.Finding",
    },
    # The API is JSON (CONTRACT.md); form bodies are still read, but the schema documents JSON only.
    "PARSER_WHITELIST": ["protocol_portal.core.parsers.DepthLimitedJSONParser"],
    # Served by the app from the sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# django-guardian: no anonymous user object; permission tables are per model (direct FK).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True  # history is append-only from the application
# Key for the audit history's seals; keep it out of the database (defaults to one derived from SECRET_KEY).
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", default="")
# History rows are sealed off the request path; verify_audit fails on any still unsealed after this.
AUDIT_UNSEALED_MAX_SECONDS = env.int("AUDIT_UNSEALED_MAX_SECONDS", default=60)
AUDIT_SEAL_BATCH = env.int("AUDIT_SEAL_BATCH", default=500)
AUDIT_SEAL_DEBOUNCE_SECONDS = env.float("AUDIT_SEAL_DEBOUNCE_SECONDS", default=0.5)
# Signed checkpoints of the chains, outside the database: object storage with object lock when
# AUDIT_CHECKPOINT_BUCKET is set, else append-only files here; optionally e-mailed to auditors.
AUDIT_CHECKPOINT_BUCKET = env.str("AUDIT_CHECKPOINT_BUCKET", default="")
AUDIT_CHECKPOINT_DIR = Path(env.str("AUDIT_CHECKPOINT_DIR", default=str(BASE_DIR / "audit_checkpoints")))
AUDIT_CHECKPOINT_EMAILS = env.list("AUDIT_CHECKPOINT_EMAILS", default=[])

# Sessions end after 30 minutes without activity (every request extends them).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-pass-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Service navigation: (label, URL name). Entries whose URL does not resolve are skipped.
PORTAL_NAV = [
    ("Protocols", "expectations:catalogue-index"),
    ("Complaints", "complaints:list"),
    ("Code of Conduct", "standards:list"),
    ("Information requests", "access_requests:request-list"),
    ("Documents", "access_requests:document-list"),
]

# Sign-in protection: five failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# How many trusted proxies append to X-Forwarded-For in front of the app (0: clients connect directly).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "protocol_portal.core.ratelimit.axes_client_address"


def _cache_from_env() -> dict:
    """redis:// goes to django-redis (the backend django-ratelimit supports); anything else as django-environ reads it."""
    url = env.str("CACHE_URL", default="")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="pp"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    return env.cache_url_config(url or "locmemcache://protocol-portal")


# Shared cache for rate limits, cached pages and locks: Redis in production, so every app server counts together.
CACHES = {"default": _cache_from_env()}
RATELIMIT_SIGN_IN = env.str("RATELIMIT_SIGN_IN", default="30/m")
RATELIMIT_PASSWORD_RESET = env.str("RATELIMIT_PASSWORD_RESET", default="5/h")
API_WRITE_RATE = env.str("API_WRITE_RATE", default="120/m")
# One rate limiter for the project (django-ratelimit), keyed on the real client address behind PROXY_COUNT proxies.
RATELIMIT_IP_META_KEY = "protocol_portal.core.ratelimit.client_address"
RATELIMIT_VIEW = "protocol_portal.core.views.rate_limited"

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# How long an invitation (or password-reset) link works; it also stops working once used.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 60 * 60)
