"""Settings shared by every environment; each value comes from the environment (django-environ)."""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


class StrictEnv(environ.Env):
    """django-environ, except that a boolean is `true` or `false` (any case) and nothing else:
    django-environ reads anything it does not know (`ture`, `on please`) as false without a word,
    which would quietly turn off SECURE_SSL_REDIRECT. Anything else stops the start-up."""

    def bool(self, var, default=environ.Env.NOTSET):
        raw = self.ENVIRON.get(var)
        if raw is None:
            if default is environ.Env.NOTSET:
                raise ImproperlyConfigured(f"Set the {var} environment variable (true or false).")
            return default
        value = raw.strip().lower()
        if value not in ("true", "false"):
            raise ImproperlyConfigured(f"{var} must be true or false, not {raw!r}.")
        return value == "true"


env = StrictEnv()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
# Old keys still accepted for existing sessions and signed links while a new key takes over.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "core",
    "accounts",
    "partners",
    "forums",
    "engagements",
    "indicators",
    "events",
    "notifications",
    "imports",
    "api",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # remembers the language each signed-in user last used (their e-mails' default language)
    "notifications.middleware.LastLanguageMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Form fields rendered the GC Design System's way (core.forms.PortalFormRenderer).
FORM_RENDERER = "core.forms.PortalFormRenderer"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.portal",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL selects PostgreSQL in production and CI.
# Importing the settings creates nothing: the SQLite backend below makes the database's folder
# when it first opens it (core/backends/sqlite3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "core.backends.sqlite3"
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "core.backends.sqlite3":
    # The embedded database, tuned for a small team writing at once: readers never wait for the
    # writer (WAL journal); a writer waits its turn for up to SQLITE_BUSY_TIMEOUT_SECONDS rather
    # than failing at once; and every transaction takes the write lock when it begins
    # (IMMEDIATE), so one that read first cannot fail with "database is locked" when it then
    # writes (a DEFERRED transaction cannot wait to upgrade its lock: SQLite refuses it at once).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures for one user name from one
# address, that pair is locked for LOGIN_LOCKOUT_MINUTES. Unknown user names are counted the same
# way, so the lockout page never tells whether an account exists.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_VERBOSE = False
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: use the peer address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = None  # evidence is never served from a public URL: only through views that check access
# Largest evidence file accepted (bytes); the type is checked from the content (engagements.uploads).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
# At most this many evidence files in one save, and at most this many bytes in all; Word, Excel
# and PowerPoint files (zip containers) may unpack to at most EVIDENCE_MAX_UNPACKED_BYTES.
# Spreadsheet imports (imports/): the largest file and the most rows one file may hold.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
EVIDENCE_MAX_FILES = env.int("EVIDENCE_MAX_FILES", default=10)
EVIDENCE_MAX_TOTAL_BYTES = env.int("EVIDENCE_MAX_TOTAL_BYTES", default=50 * 1024 * 1024)
EVIDENCE_MAX_UNPACKED_BYTES = env.int("EVIDENCE_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
STORAGES = {
    "default": {
        "BACKEND": env("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Local memory by default (one process); several app servers share redis://host:6379/0.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# How long the dashboards' figures may stay cached (seconds; 0 turns the cache off). They are
# replaced as soon as a record they count changes (core/cache.py): this is only a backstop.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=24 * 3600)
# The same for the row counts of large lists (core/pagination.py).
LIST_COUNT_CACHE_SECONDS = env.int("LIST_COUNT_CACHE_SECONDS", default=24 * 3600)

# Strict by default; every page works without inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

FILTERS_EMPTY_CHOICE_LABEL = _("All")
# No "None" choice in the filters' drop-downs (django-filter adds one to every choice filter when
# this is set): a fiscal year, a status or a kind is never "none".
FILTERS_NULL_CHOICE_LABEL = None

DJANGO_TABLES2_TEMPLATE = "django_tables2/portal.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

PORTAL_PAGE_SIZE = env.int("PAGE_SIZE", default=25)
DEMO_PASSWORD = env("DEMO_PASSWORD", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Background work (django-tasks with its database backend: SQLite or PostgreSQL, nothing else to
# run). `manage.py run_worker` takes the tasks and enqueues the periodic ones (notifications/).
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# E-mail: EMAIL_URL in django-environ's format (smtp://user:password@host:587?tls=True,
# consolemail:// prints them). GC Notify instead when NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are set.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Program 4.3 portal <no-reply@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
NOTIFY_API_KEY = env("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_ID = env("NOTIFY_TEMPLATE_ID", default="")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", default="https://api.notification.canada.ca")
if NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID:
    EMAIL_BACKEND = "notifications.backends.GCNotifyEmailBackend"
# The address links in e-mails start with (no request to read it from in the worker).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# A failed e-mail is tried again after 1, 5, 30, 120 minutes..., at most this many times in all.
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)

# Reminders: how many days before each one is sent (each user can turn each kind off).
REMINDER_PENDING_OUTCOME_DAYS = env.int("REMINDER_PENDING_OUTCOME_DAYS", default=30)
REMINDER_DRAFT_DAYS = env.int("REMINDER_DRAFT_DAYS", default=14)
REMINDER_RETURNED_DAYS = env.int("REMINDER_RETURNED_DAYS", default=7)
REMINDER_REPORT_DUE_DAYS = env.int("REMINDER_REPORT_DUE_DAYS", default=14)
REMINDER_MEETING_DAYS = env.int("REMINDER_MEETING_DAYS", default=30)
# The managers' weekly digest: ISO weekday (1 = Monday) and hour, local time.
DIGEST_WEEKDAY = env.int("DIGEST_WEEKDAY", default=1)
DIGEST_HOUR = env.int("DIGEST_HOUR", default=8)

# The read-only API (Django REST framework, api/): personal tokens or the browser's session, JSON
# only, read-only, the pages' filters, cursor pages, throttled per token.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="600/minute")
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=1000)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.PortalPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.PageFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Program 4.3 portal API"),
    # Redoc (the docs page) lays the security schemes out where the description says
    # <SecurityDefinitions />, under a heading of ours
    "DESCRIPTION": format_lazy(
        "{}\n\n## {}\n\n<SecurityDefinitions />\n",
        _(
            "Read-only access to the Program 4.3 portal's records and figures, with the same "
            "visibility as the pages. Send a personal token (My profile, API tokens) as "
            "`Authorization: Bearer <token>`."
        ),
        _("Authentication"),
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.permissions.PortalPermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
