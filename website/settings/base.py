"""Settings shared by every environment. Environment-specific files override them."""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url

from .media import media_storage

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SEED_DIR = Path(os.environ.get("SEED_DIR", BASE_DIR / "seed"))

INSTALLED_APPS = [
    "website.core",
    "website.documents",
    "website.mail",
    "website.seed",
    "website.operations",
    "website.writing",
    "website.network",
    "website.agenda",
    "website.library",
    "website.stories",
    "website.articles",
    "website.themes",
    "website.initiatives",
    "website.endorsements",
    "website.search",
    "website.pages",
    "website.newsletter",
    "website.contributors",
    "website.accounts",
    "website.joomla",
    "website.participation",
    # Translations of pages and snippets, synced from the Dutch original (docs/languages.md).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users, with each person's role in the list of users.
    "website.contributors.admin_app.WagtailUsersWithRoles",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Wagtail's admin, with one mail to the editors per page to review (not two or three).
    "website.contributors.admin_app.WagtailAdminWithOneMailPerReview",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: a page kept in this process's memory is answered before any other work.
    "website.caching.page_memory.PageMemoryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above the session and CSRF middleware: it must see the cookies they set.
    "website.caching.http_cache.CacheHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "website.core.middleware.CachedSiteMiddleware",
    "website.core.middleware.PublicContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.core.middleware.PathLocaleMiddleware",
    # Counts what is still a 404 after every redirect had its turn, the slash Django adds
    # included (below, the address without and with it would count twice).
    "website.joomla.middleware.MissedAddressMiddleware",
    "website.core.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session entered a second-factor code, then what follows from it.
    "django_otp.middleware.OTPMiddleware",
    "website.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "website.accounts.middleware.IdleSessionAndKnownBrowserMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 passes these from the bottom up: Wagtail's redirects (editors' and the Joomla
    # import's), then the old Joomla site's other addresses, then the routes of moved pages;
    # what is still a 404 then is counted for the report "Niet gevonden" (above).
    "website.core.middleware.MovedPageRoutesMiddleware",
    "website.joomla.middleware.JoomlaAddressesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (PostgreSQL) takes over when set.
# SQLite transactions take the write lock when they start (IMMEDIATE), so concurrent
# sign-ups for the last seat are serialised there too.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    # `make run` has three processes writing one file (the site, the worker making renditions
    # and sending mail, the scheduler): on a busy machine a write can wait longer than
    # SQLite's default 5 s, and "database is locked" would be a 503 for the visitor.
    # SQLITE_TIMEOUT (seconds) lets a test reach that lock without waiting out 20 s.
    DATABASES["default"]["OPTIONS"].setdefault(
        "timeout", float(os.environ.get("SQLITE_TIMEOUT", "20"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# A database server that accepts connections but does not answer would hold every request
# until gunicorn kills the worker: give up connecting after this many seconds (libpq's
# minimum is 2), and the visitor gets the 503 page (website.core.views.server_error).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
if USING_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT


# Seconds to wait for Redis to connect or answer: a hanging Redis must not hold a page up
# (website.caching.backends answers from memory then).
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))


def _cache_config(redis_url):
    if redis_url:
        return {
            "default": {
                "BACKEND": "website.caching.backends.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "site"),
                "OPTIONS": {
                    "socket_connect_timeout": REDIS_TIMEOUT,
                    "socket_timeout": REDIS_TIMEOUT,
                },
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = _cache_config(REDIS_URL)
# What core.content_cache keeps (fragments, page objects, the menu) is keyed by the content
# generation, which lives in the shared cache above: each process may keep its own copies,
# in its own memory, without a round trip to Redis. `{% cache %}` uses it too.
CACHES["content"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "content",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
CACHES["template_fragments"] = CACHES["content"]
# Whole public pages, per process, until the content changes (caching.page_memory): at most
# 500 of at most 512 kB (a page is 20-40 kB), so a flood of made-up addresses costs memory
# within that bound.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "TIMEOUT": 30,
    "OPTIONS": {"MAX_ENTRIES": 500},
}
PAGE_MEMORY = True
# A kept page is answered for at most this long (seconds), also when no content changed: what
# depends on the clock (the agenda's "upcoming", a sign-up's deadline) is at most this late.
PAGE_MEMORY_SECONDS = int(os.environ.get("PAGE_MEMORY_SECONDS", "30"))
PAGE_MEMORY_MAX_BYTES = 512 * 1024

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# The site's languages, each named in itself (the language switch shows these names). Dutch
# is the original and stays at the root; the others live under /en/, /ar/, …
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("uk", "Українська"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files: on this disk, or with MEDIA_STORAGE=s3 in a bucket every app host shares.
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: keep bodies small; files go through the admin only.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644

# Background work: Django's tasks framework with a database-backed queue.
# Index updates behind other work: website.operations.queue.
TASKS = {"default": {"BACKEND": "website.operations.queue.PrioritisedQueue", "QUEUES": ["default"]}}

# E-mail: one mailer; production sets SMTP through the environment.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# "default" stores every message in the outbox (website.mail.outbox); the task worker
# delivers it through "delivery". So no mail is sent inside a request, Wagtail's included.
MAILERS = {
    "default": {"BACKEND": "website.mail.outbox.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
}
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "8"))
# A message still "sending" after this many seconds was left by a worker that died while
# talking to the mail server: marked failed for a person to check (mail.tasks.deliver).
EMAIL_SENDING_STALE_SECONDS = 10 * 60

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Website")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.CustomDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.core.media_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.core.media_forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
# What phones and cameras make: a 108-megapixel phone photo (12,000 × 9,000) and a
# 102-megapixel camera's fit; a phone's 200-megapixel mode does not (the editor is told to
# make it smaller: core.media_forms). A 108 MP JPEG is about 25 MB. Renditions are made
# from a reduced copy in the background (core.renditions), so neither size reaches a visitor.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 110_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django: privacy checks, safe headers
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # always a download with a file name, never inline
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
# Reading a document's text (core.extraction): at most this much CPU time per page, this
# long per file (the clock) and this much memory, so one heavy file never blocks the worker.
DOCUMENT_TEXT_PAGE_SECONDS = float(os.environ.get("DOCUMENT_TEXT_PAGE_SECONDS", 10))
DOCUMENT_TEXT_TOTAL_SECONDS = float(os.environ.get("DOCUMENT_TEXT_TOTAL_SECONDS", 60))
DOCUMENT_TEXT_MEMORY_MB = int(os.environ.get("DOCUMENT_TEXT_MEMORY_MB", 1024))
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
# "Vertaal deze pagina" makes drafts: wagtail-localize would otherwise publish each new
# translation at once, with the Dutch text in it, under /en/, /ar/, … before anyone
# translated a word. The translator publishes it from the translation editor.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Dutch for what Wagtail's Dutch translation leaves in English (website/locale/).
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# No avatars from gravatar.com: the admin would send a hash of each editor's e-mail address
# to another host. Editors may upload their own picture in their account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "website.search.backends", "SEARCH_CONFIG": "dutch"}
}
# PostgreSQL's text search configuration per language (website.search.backends): a page is
# indexed with its own language's, a search uses the visitor's (and the original's). Debian's
# PostgreSQL has Snowball stemmers for Dutch, English, Arabic and Turkish; for Polish and
# Ukrainian none (they need Hunspell dictionaries on the server), so their words are matched
# as written.
SEARCH_CONFIGS = {
    "nl": "dutch",
    "en": "english",
    "ar": "arabic",
    "tr": "turkish",
    "pl": "simple",
    "uk": "simple",
}
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds on public pages
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# One line of script in each page's <head>, run before the first paint (`{% early_script %}`):
# it tells the CSS whether the browser can read aloud, so "Lees voor" takes its place at once
# instead of pushing the page down when site.js (deferred) shows it. Allowed by its hash.
EARLY_SCRIPT = (PROJECT_DIR / "static" / "js" / "early.js").read_text().strip()
EARLY_SCRIPT_DIGEST = base64.b64encode(hashlib.sha256(EARLY_SCRIPT.encode()).digest()).decode()
EARLY_SCRIPT_HASH = f"'sha256-{EARLY_SCRIPT_DIGEST}'"

# Content Security Policy for public pages: nothing from other hosts.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", EARLY_SCRIPT_HASH],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"website": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
CSP_EXEMPT_PATH_PREFIXES = ("/admin/",)
# What the reverse proxy may cache (website.caching.http_cache): anonymous pages for a few
# seconds, the old copy for a few more while a new one is made, and for a day while the
# site fails. A change shows within PAGE_CACHE_SECONDS + PAGE_CACHE_STALE_SECONDS.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "5"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "3"))
PAGE_CACHE_ERROR_SECONDS = 24 * 60 * 60
NEVER_CACHE_PATH_PREFIXES = ("/admin/",)
# Without a reverse proxy in front (`make run`, tests) Django serves uploaded files itself.
SERVE_MEDIA = True

# Public forms (website.core.protection): posts per visitor address per period (seconds),
# and the largest request body a public form accepts.
FORM_RATE_LIMIT = (5, 60)
FORM_MAX_BODY_BYTES = 160 * 1024  # a 10,000-character story in any script fits
# The same form sent again with the same content within this many seconds (a second press on
# a slow connection) is the same submission: stored once, both answered with the same page.
FORM_REPEAT_WINDOW = 120
# How many reverse proxies append to X-Forwarded-For in front of the site (0: none).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CSRF_FAILURE_VIEW = "website.core.views.csrf_failure"

# While the database is out of reach pages answer 503 and ask to come back after this many
# seconds (Retry-After).
DATABASE_RETRY_AFTER_SECONDS = 60
# Addresses that answer without the database (the rest get the 503 page at once).
DATABASE_FREE_PATHS = ("/robots.txt", "/healthz", "/favicon.ico")
# The health check (/healthz) calls the site "degraded" when a task due to run has waited
# longer than this (seconds): the worker is down or far behind.
HEALTH_TASK_DELAY_SECONDS = int(os.environ.get("HEALTH_TASK_DELAY_SECONDS", "600"))
# Public forms sent while the database is out of reach are kept here until it is back
# (website.core.spool): a folder on this app server's own disk, writable by the site alone.
FORM_SPOOL_DIR = Path(os.environ.get("FORM_SPOOL_DIR", BASE_DIR / "spool"))
# /healthz answers 503 ("stalled") when the task worker or the scheduler has written no
# heartbeat (website.operations.liveness) for this long (seconds); a worker busy with one
# task counts as alive for HEALTH_TASK_MAX_SECONDS.
HEALTH_BACKGROUND_PROCESSES = True
HEALTH_WORKER_SILENT_SECONDS = int(os.environ.get("HEALTH_WORKER_SILENT_SECONDS", "120"))
HEALTH_SCHEDULER_SILENT_SECONDS = int(os.environ.get("HEALTH_SCHEDULER_SILENT_SECONDS", "300"))
HEALTH_TASK_MAX_SECONDS = int(os.environ.get("HEALTH_TASK_MAX_SECONDS", "3600"))

# Backups (manage.py backup / restore, website.operations.backup): where the archives go and how
# many days the daily backup keeps them.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
BACKUP_KEEP_DAYS = int(os.environ.get("BACKUP_KEEP_DAYS", "14"))
# django-dbbackup makes the database dump; on SQLite it restores into the open connection.
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "website.operations.backup.SqliteLiveConnector",
}
# pg_restore into a database owned by another role than the dumped one.
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner --no-privileges"}}

# The newsletter (website.newsletter): a sign-up not confirmed within this many days is
# erased; a second confirmation mail to the same address goes out at most this often.
# Schrijfhulp (website.writing.analysis): advice, never a block.
PLAIN_LANGUAGE_MAX_SENTENCE_WORDS = int(os.environ.get("PLAIN_LANGUAGE_MAX_SENTENCE_WORDS", "20"))
PLAIN_LANGUAGE_MAX_WORD_LETTERS = int(os.environ.get("PLAIN_LANGUAGE_MAX_WORD_LETTERS", "15"))
PLAIN_LANGUAGE_MAX_CHARACTERS = 100_000  # a longer text is read up to here
# User names in any case (contributors log in with their e-mail address as they see it).
AUTHENTICATION_BACKENDS = ["website.contributors.backends.CaseInsensitiveModelBackend"]
# The admin's door (website.accounts): failed logins counted per typed name and per client
# address over `minutes`; over a limit, that name or address waits (the account's owner gets
# a one-time link). Asking for a new password is limited per address typed and per client.
WAGTAILADMIN_USER_LOGIN_FORM = "website.accounts.forms.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "website.accounts.forms.PasswordResetForm"  # noqa: S105
LOGIN_LOCKOUT = {"account": 5, "address": 20, "minutes": 15}
PASSWORD_RESET_LIMIT = {"address": 3, "client": 10, "minutes": 60}
# How long the record of sign-ins is kept (the privacy statement says so).
SIGN_IN_RECORD_DAYS = 90
# A second factor (an authenticator app) for everyone in the admin but contributors, who are
# offered one: on in production (settings.production), off for a local look (`make run`).
TWO_FACTOR_REQUIRED = os.environ.get("TWO_FACTOR_REQUIRED", "0") == "1"
# A login ends after this many minutes without a request.
ADMIN_IDLE_MINUTES = int(os.environ.get("ADMIN_IDLE_MINUTES", "120"))
# How long a contributor's invitation link works (website.contributors.invitations).
CONTRIBUTOR_INVITATION_DAYS = int(os.environ.get("CONTRIBUTOR_INVITATION_DAYS", "7"))
NEWSLETTER_CONFIRM_DAYS = int(os.environ.get("NEWSLETTER_CONFIRM_DAYS", "7"))
NEWSLETTER_RESEND_MINUTES = 60
# Endorsements ("Ik steun dit", website.endorsements): the same double opt-in.
ENDORSEMENT_CONFIRM_DAYS = int(os.environ.get("ENDORSEMENT_CONFIRM_DAYS", "7"))
ENDORSEMENT_RESEND_MINUTES = 60
# The worker and the scheduler write a sign of life at most this often (website.operations
# .liveness); the liveness tests make it short, so they need not wait out ten seconds.
HEARTBEAT_SECONDS = int(os.environ.get("HEARTBEAT_SECONDS", "10"))
# How many newsletter mails go into the outbox per minute (a mail provider's rate limit).
NEWSLETTER_MAILS_PER_MINUTE = int(os.environ.get("NEWSLETTER_MAILS_PER_MINUTE", "100"))
# Seconds between two batches, and how long a send may show no progress before the periodic
# resume_sending takes it that the worker died and starts the next batch.
NEWSLETTER_BATCH_SECONDS = int(os.environ.get("NEWSLETTER_BATCH_SECONDS", "60"))
NEWSLETTER_RESUME_AFTER_SECONDS = 3 * 60

# Sign-ups are deleted this many days after the event's last day.
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "92"))

# Sent e-mails repeat personal data (names, private links): deleted after this many days.
EMAIL_RETENTION_DAYS = int(os.environ.get("EMAIL_RETENTION_DAYS", "30"))
# Finished background-task results are pruned after this many days (a daily periodic task).
TASK_RESULT_RETENTION_DAYS = int(os.environ.get("TASK_RESULT_RETENTION_DAYS", "7"))

# The report "Niet gevonden" (website.joomla.missed): at most this many addresses, each kept
# until it was not missed for this many days.
MISSED_ADDRESSES_MAX = int(os.environ.get("MISSED_ADDRESSES_MAX", "5000"))
MISSED_ADDRESSES_DAYS = int(os.environ.get("MISSED_ADDRESSES_DAYS", "90"))
