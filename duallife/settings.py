"""Settings for Dual Life Tohoku.

One settings module; every difference between a laptop, CI and a deployment comes from
environment variables:

- ``DATABASE_URL``: SQLite file ``var/db.sqlite3`` when unset; e.g. ``postgres://user@host/db``.
- ``REDIS_URL``: cache and Celery broker when set; local memory and in-process tasks otherwise.
- ``SECRET_KEY``, ``DEBUG`` (``1``/``0``), ``ALLOWED_HOSTS`` (comma separated).
- ``EMAIL_HOST`` (+ ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``,
  ``EMAIL_USE_SSL``): SMTP when set; mail is printed to the console otherwise.
  ``DEFAULT_FROM_EMAIL``, ``SITE_URL`` (absolute links in mail sent outside a request).
- ``AXES_FAILURE_LIMIT`` (5), ``AXES_COOLOFF_MINUTES`` (15): login lockout per (email, IP).
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DUALLIFE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


TESTING = "pytest" in sys.modules or os.environ.get("DUALLIFE_TESTING") == "1"
DEBUG = env_bool("DEBUG", True)

_DEV_SECRET = "dev-only-insecure-secret-key-change-me-for-any-deployment-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if DEBUG or TESTING else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "duallife.core",
    "duallife.accounts",
    "duallife.regions",
    "duallife.simulator",
    "duallife.vocabulary",
    "duallife.content",
    "duallife.organizations",
    "duallife.talents",
    "duallife.postings",
    "duallife.subsidies",
    "duallife.notifications",
    "duallife.engagements",
    "duallife.recommendations",
    "duallife.drafts",
    "duallife.site",
    "duallife.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "duallife.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "duallife.core.middleware.ApiLanguageMiddleware",
    "duallife.core.middleware.MalformedRequestMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "duallife.accounts.middleware.StaffMFAMiddleware",
    "duallife.accounts.middleware.RememberLanguageMiddleware",
    "duallife.content.middleware.TermsConsentMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duallife.urls"
WSGI_APPLICATION = "duallife.wsgi.application"
ASGI_APPLICATION = "duallife.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "duallife" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "duallife.notifications.context_processors.unread_notifications",
                "duallife.site.context_processors.header",
            ],
        },
    },
]
# One template for every form field and the form around them (duallife/core/forms.py).
FORM_RENDERER = "duallife.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Accounts: django-allauth (email login, verification, MFA) and django-axes (lockout) -------
# Axes first: it refuses a locked-out (email, IP) before any password is checked. Every
# ``authenticate()`` call must pass the request (tests: use ``client.force_login``, not ``login``).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"  # a signed-in person's home is their dashboard
ACCOUNT_ADAPTER = "duallife.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for agreement to the terms of use in force (duallife/content).
ACCOUNT_SIGNUP_FORM_CLASS = "duallife.content.forms.TermsAgreementFields"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # the emailed link shows a page; confirming is a POST
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False  # logging out is a POST after a confirmation page
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USER_DISPLAY = "duallife.accounts.adapter.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[デュアルライフ東北] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's rate limits (sign-ups, password resets, failed logins …) count in the cache; its
# defaults, except failed logins: axes locks one (email, IP) after AXES_FAILURE_LIMIT failures;
# allauth stops one IP trying many accounts, and many IPs trying one account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,10/15m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "デュアルライフ東北"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://localhost during development only

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "duallife.accounts.lockout.username_from_request"
AXES_LOCKOUT_CALLABLE = "duallife.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client IP is REMOTE_ADDR (axes' default). Behind a reverse proxy, set the AXES_IPWARE_*
# settings for that proxy rather than trusting X-Forwarded-For from anyone.

# --- Email: console by default, SMTP when EMAIL_HOST is set -----------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "デュアルライフ東北 <no-reply@duallife.example.jp>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Tests log in hundreds of times; a deliberately slow hash only makes them slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "duallife" / "locale"]
#: Our own date and time formats on top of Django's (read through ``duallife.core.formats``).
FORMAT_MODULE_PATH = ["duallife.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"

# The CJK font embedded (as a subset) in the PDFs we issue: Noto Sans CJK from Debian's
# fonts-noto-cjk (installed by `make setup`); index 0 of the collection is its Japanese face.
CJK_FONT_PATH = os.environ.get("DUALLIFE_CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_INDEX = int(os.environ.get("DUALLIFE_CJK_FONT_INDEX", "0"))
USE_TZ = True

# --- Static files: built assets from npm land in build/static (not committed) ---------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
#: Files only people with access may download through a view (message attachments): never under
#: MEDIA_ROOT, so neither the development server nor a proxy serving /media/ can hand them out
#: (``duallife.core.storage.PrivateFileStorage``).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DUALLIFE_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Uploaded files (organisation photos): served by the proxy in deployments -------------------
MEDIA_ROOT = Path(os.environ.get("DUALLIFE_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# --- Cache and background work ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # parallel test workers must not share (and clear) one cache: each gets its own Redis database,
    # counting down from the one in REDIS_URL (gw0 → that one, gw1 → the one before, …)
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw") or 0)
    _base, _, _db = REDIS_URL.rpartition("/")
    if _db.isdigit() and _base.count("/") >= 2:
        REDIS_URL = f"{_base}/{max(int(_db) - _worker, 0)}"
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "duallife.core.cache.FallbackRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL or TESTING
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "close-expired-spec-sheets": {
        "task": "postings.close_expired_spec_sheets",
        "schedule": crontab(hour=0, minute=10),  # 00:10 Japan time, after the closing date has passed
    },
    "expire-scouts": {
        "task": "engagements.expire_scouts",
        "schedule": crontab(hour=0, minute=20),
    },
    "process-checkins": {
        "task": "engagements.process_checkins",
        "schedule": crontab(hour=8, minute=0),  # mornings, Japan time: reminders arrive in working hours
    },
    "rebuild-recommendations": {
        "task": "recommendations.rebuild_all",
        "schedule": crontab(hour=2, minute=30),  # nightly, with the day's applicant counts
    },
    "purge-expired-consent-records": {
        "task": "engagements.purge_consent_records",
        "schedule": crontab(hour=3, minute=30),
    },
    "send-weekly-digests": {
        "task": "recommendations.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),  # Monday 08:00 Japan time
    },
    "purge-answered-inquiries": {
        "task": "content.purge_inquiries",
        "schedule": crontab(hour=3, minute=40),
    },
    "send-owed-notification-emails": {
        "task": "notifications.send_owed_emails",
        "schedule": crontab(minute="*/5"),  # emails whose task was lost (the broker was down)
    },
}

# --- Security: secure defaults whenever DEBUG is off ----------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "duallife.core.views.csrf_failure"

# --- Region packs -----------------------------------------------------------------------------
REGION_PACKS_DIR = BASE_DIR / "data" / "regions"
DEFAULT_REGION_PACK = os.environ.get("DUALLIFE_REGION_PACK", "tohoku")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task run is noise when tasks run in-process (eager): keep warnings and errors.
    "loggers": {"celery.app.trace": {"level": "WARNING"}},
}

# --- Content-Security-Policy and Permissions-Policy (every response) -------------------------------
# Scripts and styles come from our own static files only: no inline <script> or <style>, no style
# attributes, no eval (htmx and ECharts are files; htmx's own indicator styles are in site.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
#: Features no page uses are off. WebAuthn stays on for MFA security keys; the camera is left to
#: this site's own pages (QR codes scanned at events).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(self), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)
