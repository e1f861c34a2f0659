"""How the browser tests and `make screenshots` start Debian's Chromium: headless, and never
reaching out to Google's services (no background networking, updates or sync)."""

import os

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    """The browser to drive: $CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")
