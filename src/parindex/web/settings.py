"""One env-driven settings module: SQLite by default, PostgreSQL with DATABASE_URL.

Environment: SECRET_KEY (required unless DEBUG), DEBUG, ALLOWED_HOSTS (comma-separated),
DATABASE_URL (with DATABASE_POOL or DATABASE_PGBOUNCER), PARINDEX_VAR (folder for the SQLite
file and evidence, default ./var), EVIDENCE_BUCKET and the other EVIDENCE_* of object storage,
EVIDENCE_MAX_MB (default 20), CSRF_TRUSTED_ORIGINS; docs/deploy.md lists every variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from parindex.core.workflow import Role
from parindex.web.environment import env_bool, env_choice, env_int, env_list

# Django's generic classes subscriptable at run time as the type checker reads them
# (``ModelAdmin[Unit]``, ``ModelForm[Cycle]``); django-stubs-ext is a dependency of django-tasks.
django_stubs_ext.monkeypatch()

ROOT = Path(__file__).resolve().parents[3]
VAR = Path(os.environ.get("PARINDEX_VAR", ROOT / "var"))
(VAR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "csp",  # django-csp's checks of its settings (issue 12)
    "parindex.web.units",
    "parindex.web.accounts",
    "parindex.web.frameworks",
    "parindex.web.cycles",
    "parindex.web.assessments",
    "parindex.web.appraisals",
    "parindex.web.audit",
    "parindex.web.results",
    "parindex.web.organisation",
    "parindex.web.notices",
    "parindex.web.leadership",
    "parindex.web.plans",
    "parindex.web.onestop",
    "parindex.web.indicators",
    "axes",  # login throttling and lockout (issue 12: authentication block below)
    "django_otp",  # two-factor login (issue 12): TOTP devices and recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (issue 12; the policy at the end)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "parindex.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "parindex.web.middleware.SecurityHeadersMiddleware",  # Permissions-Policy, no-store (issue 12)
    "django_otp.middleware.OTPMiddleware",  # two-factor (issue 12): request.user.is_verified()
    "parindex.web.accounts.middleware.ForcedPasswordChangeMiddleware",
    "parindex.web.accounts.two_factor_middleware.TwoFactorMiddleware",  # after the password change
    "django.contrib.messages.middleware.MessageMiddleware",
    "parindex.web.accounts.sessions.SessionLimitsMiddleware",  # idle and maximum age (issue 12)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # the lockout page (issue 12); stays last
]

ROOT_URLCONF = "parindex.web.urls"
WSGI_APPLICATION = "parindex.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parindex.web.organisation.context.organisation",
                "parindex.web.notices.context.unread_notices",
            ]
        },
    }
]

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR / "parindex.sqlite3")}
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/dang-nhap/"
CSRF_FAILURE_VIEW = "parindex.web.errors.csrf_failure"  # Vietnamese page; JSON under /api/
LOGIN_REDIRECT_URL = "/"

# Nothing lives only on one app server: sessions in the database, files through the storage API
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR / "evidence"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several app servers share evidence (and the scorecard ZIPs) through S3-compatible object
# storage (django-storages): EVIDENCE_STORAGE=s3, or EVIDENCE_BUCKET alone, switches it on;
# EVIDENCE_ENDPOINT_URL names a store other than AWS (MinIO, Ceph, a provider's), with
# EVIDENCE_REGION, EVIDENCE_ACCESS_KEY and EVIDENCE_SECRET_KEY (unset: boto3's own chain, e.g.
# AWS_ACCESS_KEY_ID or an instance role) and EVIDENCE_ADDRESSING_STYLE (path for MinIO).
# Files stay private: every download goes through the app, which checks permission.
EVIDENCE_STORAGE = env_choice(
    "EVIDENCE_STORAGE", ("file", "s3"), "s3" if os.environ.get("EVIDENCE_BUCKET") else "file"
)
if EVIDENCE_STORAGE == "s3":
    if not os.environ.get("EVIDENCE_BUCKET"):
        raise ImproperlyConfigured(
            "EVIDENCE_STORAGE=s3 cần biến môi trường EVIDENCE_BUCKET (tên bucket lưu tài liệu)."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["EVIDENCE_BUCKET"],
            "endpoint_url": os.environ.get("EVIDENCE_ENDPOINT_URL") or None,
            "region_name": os.environ.get("EVIDENCE_REGION") or None,
            "access_key": os.environ.get("EVIDENCE_ACCESS_KEY") or None,
            "secret_key": os.environ.get("EVIDENCE_SECRET_KEY") or None,
            "addressing_style": env_choice(
                "EVIDENCE_ADDRESSING_STYLE", ("auto", "path", "virtual"), "auto"
            ),
            "location": os.environ.get("EVIDENCE_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Background jobs (every unit's scorecards in one ZIP) wait in the database; `manage.py db_worker`
# runs them (`make serve` starts one beside the web server). Built archives go to the default
# storage above, under phieu-diem/.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Notices by e-mail (parindex.web.notices): printed on the console unless an SMTP server is
# configured; SITE_URL makes the links in the mails absolute.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "parindex <khong-tra-loi@localhost>")
SITE_URL = os.environ.get("SITE_URL", "")

EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 20, minimum=1) * 1024 * 1024
# Worker processes for a ZIP of every scorecard (as `parindex report --jobs`): one per core.
DOCUMENT_JOBS = env_int("PARINDEX_DOCUMENT_JOBS", os.cpu_count() or 1, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
LOCALE_PATHS = [Path(__file__).parent / "locale"]
USE_TZ = True
STATIC_URL = "/static/"
STATICFILES_DIRS = [Path(__file__).parent / "static"]
STATIC_ROOT = VAR / "static"
WHITENOISE_USE_FINDERS = True  # serve the app's static files without a collectstatic step

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    # server errors reach the process's log in production too, not only with DEBUG
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False}},
}

# --- Faults and load (issue 12) ---
# SQLite with many writers: WAL (readers never wait for the writer), every transaction takes
# the write lock when it begins (IMMEDIATE: a read-then-write transaction waits its turn
# instead of failing at once with "database is locked"), and a writer waits up to
# PARINDEX_SQLITE_TIMEOUT seconds for the lock. PostgreSQL beyond a few dozen users at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("PARINDEX_SQLITE_TIMEOUT", 30, minimum=1),
    }
# A background job (the ZIP of every scorecard) whose heartbeat is older than this lost its
# worker: the page says it stopped half-way and offers to start it again.
JOB_STALE_MINUTES = env_int("PARINDEX_JOB_STALE_MINUTES", 10, minimum=1)
# Survey respondents' answer rows are removed this many days after the cycle's publication
# (`manage.py purge_respondents`); only the aggregated points stay.
RESPONDENT_RETENTION_DAYS = env_int("PARINDEX_RESPONDENT_RETENTION_DAYS", 365, minimum=0)

# --- Security headers and Django's deployment checklist (issue 12) ---
# docs/deploy.md lists every variable for the operator; docs/decisions.md says why.
from csp.constants import NONE, SELF  # noqa: E402 - this block's own import

# No inline script, style attribute or handler anywhere: scripts and styles come from /static/;
# the charts are server-side SVG in the page, the logo an image of the site (data: for SVG use).
CSP_DIRECTIVES: dict[str, list[str]] = {
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
if os.environ.get("CSP_REPORT_URI"):
    CSP_DIRECTIVES["report-uri"] = [os.environ["CSP_REPORT_URI"]]
if env_bool("CSP_REPORT_ONLY"):  # a trial: the browser reports what it would block, blocks nothing
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
# parindex.web.middleware.SecurityHeadersMiddleware sends it on every response
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: forms carry it
if not DEBUG and env_bool("SECURE_COOKIES", True):
    # Sent only over HTTPS, for this host only, path / (browsers enforce the __Host- prefix)
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Rotating SECRET_KEY: the old key here keeps sessions and reset links valid meanwhile
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Server errors by e-mail to ADMINS ("name@example.gov.vn,other@example.gov.vn") as well as the log
ADMINS = [(address, address) for address in env_list("ADMINS")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if ADMINS:
    LOGGING["handlers"] = {
        "stderr": {"class": "logging.StreamHandler"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    }
    LOGGING["loggers"] = {
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        }
    }
# PostgreSQL connections (issue 17). Default: each worker thread keeps its connection for
# CONN_MAX_AGE seconds, checked before reuse. DATABASE_POOL=N (N > 0): psycopg's pool of at
# most N connections per process instead (DATABASE_POOL_MIN kept open, DATABASE_POOL_TIMEOUT
# seconds to wait for one; needs psycopg[pool]). DATABASE_PGBOUNCER=1 behind PgBouncer in
# transaction mode: no server-side cursors, no connection kept by Django (PgBouncer pools).
if os.environ.get("DATABASE_URL"):
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if pool_size := env_int("DATABASE_POOL", 0):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them, not Django
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(env_int("DATABASE_POOL_MIN", 2), pool_size),
            "max_size": pool_size,
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
        }
    if env_bool("DATABASE_PGBOUNCER"):
        if pool_size:
            raise ImproperlyConfigured(
                "DATABASE_POOL và DATABASE_PGBOUNCER không dùng cùng nhau: chọn một nơi giữ kết nối."
            )
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A request's body outside its files (uploads are bound by EVIDENCE_MAX_MB): above Django's
# 2,5 MB and 1.000 fields, as the assignment grid of a province (147 units x 8 fields ticked)
# sends more than 1.000 fields; still a bound.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MB", 5, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 10000, minimum=1000)
# Stored files readable by the service's user and group only
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# --- Evidence virus scan (issue 12) ---
# Every evidence upload is streamed to ClamAV's daemon when CLAMAV_SOCKET (a unix socket path)
# or CLAMAV_HOST (with CLAMAV_PORT) is set; an unreachable daemon refuses the upload unless
# CLAMAV_FAIL_OPEN is on. Nothing set: no scan.
CLAMAV_SOCKET = os.environ.get("CLAMAV_SOCKET", "")
CLAMAV_HOST = os.environ.get("CLAMAV_HOST", "")
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310, minimum=1)
CLAMAV_FAIL_OPEN = env_bool("CLAMAV_FAIL_OPEN", False)


# --- Authentication and sessions (issue 12) ---
# Login throttling (django-axes): LOGIN_FAILURE_LIMIT wrong passwords in a row lock the account
# AND, separately, the client address for LOGIN_COOLOFF_MINUTES (each refused try restarts it).
# Behind a reverse proxy set PARINDEX_PROXY_COUNT to the number of proxies that append to
# X-Forwarded-For; 0 (default) uses the connection's address (REMOTE_ADDR).
AUTHENTICATION_BACKENDS = [
    "parindex.web.accounts.throttle.LoginThrottleBackend",  # axes' check; must stay first
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]  # one account; the address has its own, higher limit
# LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one address, for any accounts, lock that
# address (parindex.web.accounts.throttle): higher, as an office behind one address shares it
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
# axes warns that it does not count the address itself (W006): the address lock above is ours
# (accounts/throttle.address_locked), counted over axes' own rows, so the warning does not apply
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Not axes' reset on success: with these parameters it clears the whole address's count, so one
# valid account would let an insider keep guessing a colleague's password; a sign-in clears
# only that account's failures from that address (parindex.web.accounts.throttle).
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_CLIENT_IP_CALLABLE = "parindex.web.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "parindex.web.accounts.throttle.locked_out"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
PROXY_COUNT = env_int("PARINDEX_PROXY_COUNT", 0)
# Password policy; PASSWORD_MIN_LENGTH characters at least (default 10)
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10, minimum=8)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "parindex.web.accounts.passwords.MinimumLength",  # Django's, in Vietnamese
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Self-service reset by e-mail: links valid PASSWORD_RESET_HOURS (default 2); at most
# PASSWORD_RESET_MAILS_PER_HOUR mails per account and five times that per client address.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 2, minimum=1) * 3600
PASSWORD_RESET_MAILS_PER_HOUR = env_int("PASSWORD_RESET_MAILS_PER_HOUR", 3, minimum=1)
# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after sign-in
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_MAX_SECONDS = env_int("SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
# The Django admin (/quan-tri/) is mounted only with PARINDEX_ADMIN=1, for staff admins
PARINDEX_ADMIN = env_bool("PARINDEX_ADMIN")

# --- Signed publications (issue 12) ---
# The Ed25519 key that signs each published results.json: base64 of the 32-byte seed, or a
# PEM private key. Unset: downloads carry their SHA-256 but no signature.
PARINDEX_SIGNING_KEY = os.environ.get("PARINDEX_SIGNING_KEY", "").strip()
if PARINDEX_SIGNING_KEY:
    from parindex.core.problems import InputError as _KeyError
    from parindex.io.signing import private_key as _private_key

    try:
        _private_key(PARINDEX_SIGNING_KEY)
    except _KeyError as _exc:
        raise ImproperlyConfigured(str(_exc)) from None

# --- Two-factor login (issue 12) ---
# Roles that must sign in with a code from an authenticator app (TOTP) besides the password;
# everyone else may turn it on. Unset: admin and appraiser in production, nobody with DEBUG on
# (the demo's accounts sign in with their published password); set it (even empty) to decide.
TWO_FACTOR_ROLES = env_list("PARINDEX_TWO_FACTOR_ROLES", "" if DEBUG else "admin,appraiser")
if unknown := sorted(set(TWO_FACTOR_ROLES) - {role.value for role in Role}):
    raise ImproperlyConfigured(
        f"Biến môi trường PARINDEX_TWO_FACTOR_ROLES có vai trò không hợp lệ: {', '.join(unknown)}"
        " (cần admin, appraiser, officer, leader, cách nhau bằng dấu phẩy)."
    )
OTP_TOTP_ISSUER = os.environ.get("PARINDEX_TWO_FACTOR_ISSUER", "Chỉ số CCHC")
# A wrong code makes the next try wait 1, 2, 4, 8 … seconds (django-otp's throttling)
OTP_TOTP_THROTTLE_FACTOR = env_int("PARINDEX_TWO_FACTOR_THROTTLE_SECONDS", 1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR

# Published runs and pages kept read in each worker process (a national run is ~110 MB):
# at most this many units' entries among them, least recently used out first (issue 17)
PARINDEX_KEPT_UNITS = env_int("PARINDEX_KEPT_UNITS", 8000, minimum=0)

# --- Publication checks (issue 12) ---
# Visitors' "Tính lại để kiểm tra": one recomputation per publication this often at most (the
# stored parts' hashes are checked on every visit; signed-in people always recompute afresh)
VISITOR_RECOMPUTE_SECONDS = env_int("PARINDEX_VISITOR_RECOMPUTE_SECONDS", 300, minimum=0)
