"""Fixtures shared by every app's tests.

The site is built once per test process: the migrated test database gets the seed (as
`make run` builds it), and every test starts from that state. Database tests roll back their
transaction; transactional tests (live server, on-commit hooks, races) restore it from the
serialized copy taken after seeding.
"""

import io
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from website.core.content_cache import forget_everything
from website.core.tests.chromium import CHROMIUM_ARGS, chromium_path
from website.pages.factories import make_home_site


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (Wagtail's root page, site,
    content types) after its flush. Mixing tests that do with tests that don't breaks the
    restore (the other flush re-creates content types), so all of them do."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            serialized = pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True})
            item.add_marker(serialized, append=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seeded site, once per test process; serialized again so that transactional tests
    come back to it (Django's serialized rollback) instead of an empty database."""

    with django_db_blocker.unblock():
        call_command("load_seed", stdout=io.StringIO())
        for connection in connections.all(initialized_only=True):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Django's test runner points every mailer at locmem; put the outbox back in front,
    as in production, so tests exercise the real path (store, then the task delivers)."""
    settings.MAILERS = {
        "default": {"BACKEND": "website.core.email.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with empty caches (Redis is shared between tests; the content cache
    lives in the process)."""

    forget_everything()
    yield
    forget_everything()


@pytest.fixture
def home_page(db):
    return make_home_site()


@pytest.fixture
def seeded(db):
    """The site as `make run` builds it (the test database starts seeded)."""

    return Site.objects.get(is_default_site=True)


# --- Browser tests -------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one per test process; Playwright never
    downloads a browser here. Each test gets its own context (`open_browser`)."""

    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by
    # fixtures around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = chromium_path()
    # Django keeps connections per execution context; Playwright's greenlets start a new
    # one. Hand the new context the same connections, or the database set-up of later tests
    # (restoring the seeded site) would write through a connection the live server never sees.

    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """One HTTP server per test process, serving the test database (Django's live server
    thread; an in-memory SQLite database is shared with it)."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost:0")
    yield server
    server.stop()


@pytest.fixture
def seeded_site(db, site_server):
    """The seeded site on a real HTTP server, for browser tests that only read: no flush and
    no restore, so it costs nothing. A test that creates content or submits a form uses
    `seeded_live` instead, because the server may not see (or may keep) its changes."""
    return site_server


@pytest.fixture
def seeded_live(django_db_serialized_rollback, transactional_db, live_server):
    """The seeded site served by a real HTTP server, for browser tests that change data.
    Serialized rollback brings the seeded state back after the flush that ends the test."""
    return live_server


class BrowserPage:
    """A Playwright page that records every request, so tests can prove nothing left
    the machine."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.requests = []
        page.on("request", lambda request: self.requests.append(request.url))

    def tab_to(self, selector):
        """Press Tab once; the next stop in the tab order must be `selector` (Playwright's
        web-first assertion waits for it, so a wrong order fails with the focused element)."""
        self.page.keyboard.press("Tab")
        expect(self.page.locator(selector)).to_be_focused()

    def open(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status < 400, f"{path} answered {response.status}"
        return response

    def external_requests(self):
        return [
            url
            for url in self.requests
            if not (url.startswith(self.base_url) or url.startswith(("data:", "blob:")))
        ]

    def axe_violations(self):
        results = Axe().run(
            self.page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]
        ]


@pytest.fixture
def open_browser(browser):
    """Factory: a fresh browser context at a given width, JavaScript on or off."""
    contexts = []

    def make(base_url, width=1280, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            locale="nl-NL",
        )
        contexts.append(context)
        return BrowserPage(context.new_page(), base_url)

    yield make
    for context in contexts:
        context.close()
