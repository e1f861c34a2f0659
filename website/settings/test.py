"""Tests: the same database choice as base (SQLite, or DATABASE_URL), tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Redis, when REDIS_URL is set, is shared: keep test keys apart from anything else.
for alias in CACHES:  # noqa: F405
    CACHES[alias]["KEY_PREFIX"] = "test"  # noqa: F405
