"""Production: PostgreSQL, Redis, SMTP, gunicorn behind a reverse proxy.

Everything secret or site-specific comes from the environment (see .env.example).
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} (see .env.example).")
    return value


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required_env("ALLOWED_HOSTS").split(",") if host.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS names no host (see .env.example).")
# PostgreSQL in production: never fall back to the embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        required_env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USING_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT  # noqa: F405
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]

# WhiteNoise serves the collected static files right after the security middleware.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The reverse proxy terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# On by default (the deploy check asks for it); a domain whose subdomains are not all on
# HTTPS turns them off, and that deliberate choice silences the matching checks.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Beheerder and Redactie use the admin only with a second factor (website.accounts).
TWO_FACTOR_REQUIRED = True

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Proxies whose page cache a publish purges at once (docs/deploy.md, "More than one app server"):
# their purge servers, comma-separated. Without, a change is public within the cache's time.
_purge_urls = [u.strip() for u in os.environ.get("FRONTEND_CACHE_PURGE_URLS", "").split(",")]
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {"BACKEND": "website.caching.purge.NginxPurgeBackend", "LOCATION": url}
    for number, url in enumerate(filter(None, _purge_urls), start=1)
}
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", SMTP_BACKEND)
MAILERS = {
    "default": {"BACKEND": "website.mail.outbox.OutboxBackend"},
    "delivery": {"BACKEND": DELIVERY_BACKEND},
}
# The SMTP settings, for the SMTP backend only (another backend refuses options it does not
# know, and then no mail goes out).
if DELIVERY_BACKEND == SMTP_BACKEND:
    MAILERS["delivery"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
    }
ADMINS = [a.strip() for a in os.environ.get("ADMINS", "").split(",") if a.strip()]
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
