"""`make run`: SQLite, local-memory cache, console e-mail, files on disk."""

import os

from .base import *  # noqa: F403

# DJANGO_DEBUG=0 shows the pages visitors get (the site's own 404, not Django's debug page);
# `make screenshots` uses it, with `runserver --insecure` for the static files.
DEBUG = os.environ.get("DJANGO_DEBUG", "1") != "0"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
