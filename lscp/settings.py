"""Settings for lscp, read from the environment (12-factor).

Everything a deployment changes comes from an environment variable; the defaults are safe for
production (DEBUG off, secure cookies) except where the local demo says otherwise.
"""

import os
import re
import secrets
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LSCP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Under pytest the suite uses fast hashing and a local secret key; nothing else changes.
TESTING = env_bool("LSCP_TESTING") or "pytest" in sys.modules


def _secret_key() -> str:
    """A key from the environment, or (only for local use) one generated once into var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The partnership's own identity: lscp is not a GOV.UK service, so no crown and no GDS font.
PARTNERSHIP_NAME = os.environ.get("LSCP_PARTNERSHIP_NAME", "Westbrook Safeguarding Children Partnership")
PARTNERSHIP_SHORT_NAME = os.environ.get("LSCP_PARTNERSHIP_SHORT_NAME", "WSCP")
PARTNERSHIP_BRAND_COLOUR = os.environ.get("LSCP_BRAND_COLOUR", "#4c2c92")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", PARTNERSHIP_BRAND_COLOUR):
    raise ImproperlyConfigured("LSCP_BRAND_COLOUR must be a colour like #4c2c92 (white text sits on it).")
PARTNERSHIP_LOGO_URL = os.environ.get("LSCP_LOGO_URL", "")

DOMAIN_APPS = [
    "lscp.core",
    "lscp.accounts",
    "lscp.governance",
    "lscp.improvement",
    "lscp.reviews",
    "lscp.child_deaths",
    "lscp.performance",
    "lscp.learning",
    "lscp.reporting",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "csp",
    "django_tasks",
    "django_tasks_db",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lscp.accounts.middleware.IdleTimeoutMiddleware",
    "lscp.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # AxesMiddleware must be last: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lscp.urls"
WSGI_APPLICATION = "lscp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lscp" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lscp.core.context_processors.partnership",
            ],
            "builtins": ["lscp.core.templatetags.lscp"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lscp.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The worker and the web process share the file: wait for locks rather than fail at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
if TESTING:
    # Argon2 is deliberately slow; tests hash hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations and resets: three days

# Lockout: five failures for one account from one address locks it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("LSCP_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = PARTNERSHIP_SHORT_NAME

# Sessions end after 30 minutes without a request (set per request by IdleTimeoutMiddleware).
SESSION_IDLE_SECONDS = int(os.environ.get("LSCP_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_COOKIES = env_bool("LSCP_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env_bool("LSCP_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("LSCP_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("LSCP_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy without 'unsafe-inline': scripts carry a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, P"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "var" / "frontend"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Private uploads: never under a public URL; views hand them out after a permission check.
MEDIA_ROOT = Path(os.environ.get("LSCP_MEDIA_ROOT", VAR_DIR / "private"))
WHITENOISE_USE_FINDERS = DEBUG or TESTING

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@lscp.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LSCP_BASE_URL = os.environ.get("LSCP_BASE_URL", "http://127.0.0.1:8000")

# Child death reviews: local timescales, stage -> (number, "working" | "calendar", counted from which
# event). Local practice, not statute; lscp.child_deaths.timescales checks the values when it reads them.
LSCP_CDOP_TIMESCALES = {
    "notification": (2, "working", "death"),  # 48 hours
    "jar": (5, "working", "notification"),  # unexpected deaths only
    "information": (15, "working", "request"),
    "cdrm": (90, "calendar", "death"),  # 3 months
    "panel": (182, "calendar", "death"),  # 6 months
}

# Learning and development: local policy, set by each partnership.
LSCP_LEARNING = {
    # A booker may cancel until this many working days before the session; later is a late cancellation.
    "cancel_until_working_days": int(os.environ.get("LSCP_LEARNING_CANCEL_DAYS", "3")),
    # What the non-attendance policy charges the agency for a late cancellation or a no-show (GBP).
    "non_attendance_charge": os.environ.get("LSCP_LEARNING_CHARGE", "50.00"),
    # How long a waiting-list offer stays open before it moves on to the next person.
    "offer_hours": 48,
    # Email domains practitioners may register with; empty: any.
    "work_email_domains": [
        d.strip().lower() for d in os.environ.get("LSCP_LEARNING_EMAIL_DOMAINS", "").split(",") if d.strip()
    ],
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "contenttypes",
    "admin",
    "auditlog",
    "axes",
    "django_tasks_database",
    "core.accessentry",
    # Derived from the cases (which are logged) and rewritten on every change to them.
    "reviews.casedeadline",
    # Each row only says an email was queued; the email task itself is not logged either.
    "learning.learningemail",
    # A published edition is a copy of the report made when the year was published (logged there).
    "reporting.publishedreport",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
)
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Secrets never reach the change log.
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("password", "last_login", "key", "token")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if DEBUG or TESTING:
    # WhiteNoise serves from the finders here, but warns when the collected folder is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
