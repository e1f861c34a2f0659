"""Tests: the same database choice as base (SQLite, or DATABASE_URL), tasks run at once."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _redis_database(url, worker):
    """The same Redis server, a database `worker` places below the configured one."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) - worker
    if database < 0:
        raise ImproperlyConfigured(
            f"Test worker {worker} has no Redis database below {url}: use fewer workers "
            "(PYTEST_WORKERS) or a higher database number in REDIS_URL."
        )
    return urlunsplit(parts._replace(path=f"/{database}"))


# On PostgreSQL the test database may start from an already migrated one (CI migrates once
# for the database tests and the deploy smoke test: .ci/run); migrate then finds nothing to do.
if os.environ.get("TEST_DATABASE_TEMPLATE"):
    DATABASES["default"]["TEST"] = {  # noqa: F405
        **DATABASES["default"].get("TEST", {}),  # noqa: F405
        "TEMPLATE": os.environ["TEST_DATABASE_TEMPLATE"],
    }

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once, in the test; the index updates only where a test needs them.
TASKS = {"default": {"BACKEND": "website.testing.tasks.TestTaskBackend"}}
# Tasks run at once here: no worker or scheduler whose heartbeat /healthz would miss.
HEALTH_BACKGROUND_PROCESSES = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Redis, when REDIS_URL is set, is shared: keep test keys apart from anything else, and give
# each parallel test worker (pytest-xdist: gw0, gw1, …) a Redis database of its own, because
# tests empty the cache between them.
_worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
CACHES["default"]["KEY_PREFIX"] = "test"  # noqa: F405
if REDIS_URL and _worker:  # noqa: F405
    CACHES["default"]["LOCATION"] = _redis_database(REDIS_URL, _worker)  # noqa: F405

# Uploaded and seeded files of a test run go to a temporary folder, never the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="website-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
if os.environ.get("FORM_SPOOL_DIR"):  # a test's own, for a process it starts
    FORM_SPOOL_DIR = Path(os.environ["FORM_SPOOL_DIR"])
else:
    FORM_SPOOL_DIR = Path(tempfile.mkdtemp(prefix="website-test-spool-"))
    atexit.register(shutil.rmtree, FORM_SPOOL_DIR, ignore_errors=True)

# Tests see every page rendered (their query counts measure the rendering); the page memory's
# own tests switch it on (caching/tests/test_page_memory.py).
PAGE_MEMORY = False
