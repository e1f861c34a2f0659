"""Fixtures shared by every app's tests.

The site is built once per test run: the migrated test database gets the seed (as `make run`
builds it) and every test process a copy (website.testing.database); every test starts from
that state. Database tests roll back their transaction; transactional tests (live server,
on-commit hooks, races) come back to it after their flush.
"""

import contextlib
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from django.test.utils import teardown_databases
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Site

from website.caching.content_cache import forget_everything
from website.pages.factories import make_home_site
from website.testing.chromium import CHROMIUM_ARGS, chromium_path
from website.testing.database import (
    drop_template,
    is_sqlite,
    restore_seeded,
    seeded_database,
)
from website.testing.tasks import TestTaskBackend

# Fixtures every app's tests may use (site settings, the editors' address, commit()).
pytest_plugins = ["website.testing.fixtures"]


def pytest_collection_modifyitems(items):
    """Every transactional test comes back to the seeded site after its flush (serialized
    rollback, which `website.testing.database` makes cheap). Mixing tests that do with tests
    that don't breaks the restore (the other flush re-creates content types), so all do."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            serialized = pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True})
            item.add_marker(serialized, append=False)
    # Long tests first (a browser, the markup checkers, real outages that wait): pytest-xdist
    # hands out tests in this order, so the run ends with short ones that the test processes
    # share evenly, instead of one process finishing a long test while the other idles.
    # Transactional tests need no place of their own: the seeded site comes back after each
    # (pytest_runtest_teardown below).
    items.sort(key=lambda item: (_uses_database(item), not takes_long(item)))
    # The tests without a database (document readers, mail rendering, file checks) first,
    # all to one test process (`--dist loadgroup`): it runs them while the other builds the
    # seeded site, which every other test waits for (half a minute).
    for item in items:
        if not _uses_database(item):
            item.add_marker(pytest.mark.xdist_group("without_database"))


LONG_MODULES = ("test_outages.py", "test_liveness.py", "test_page_cache.py", "test_send_worker.py")


def takes_long(item):
    long_marks = ("browser", "every_page")
    return (
        any(item.get_closest_marker(mark) for mark in long_marks) or item.path.name in LONG_MODULES
    )


def _uses_database(item):
    return bool(item.get_closest_marker("django_db")) or "django_db_setup" in getattr(
        item, "fixturenames", ()
    )


def _is_transactional(item):
    """Marked `django_db(transaction=True)`, or using a fixture that is (`seeded_live`)."""
    marker = item.get_closest_marker("django_db")
    marked = bool(marker and marker.kwargs.get("transaction"))
    return marked or "transactional_db" in getattr(item, "fixturenames", ())


def _shared_folder(tmp_path_factory):
    """A folder every test process of this run shares (pytest-xdist gives each worker its own
    base folder inside one per run)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """The seeded site (migrated, then `load_seed`, as `make run` builds it), built once per
    run and copied to each test process (website.testing.database)."""
    shared = _shared_folder(tmp_path_factory)
    request.config.stash[SHARED_FOLDER] = shared
    with django_db_blocker.unblock():
        old_config = seeded_database(shared)
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=0)


SHARED_FOLDER = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test (its end emptied every table), the seeded database comes
    back: SQLite's copy, PostgreSQL's template. Not after the process's last test, whose
    teardown took the test database away."""
    result = yield
    shared = item.config.stash.get(SHARED_FOLDER, None)
    if shared is not None and nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_seeded(shared)
    return result


def pytest_sessionfinish(session):
    """The run's PostgreSQL template goes when the whole run ends (in the controller)."""
    if os.environ.get("PYTEST_XDIST_WORKER") or blocking_manager_key not in session.config.stash:
        return
    if not is_sqlite():
        with session.config.stash[blocking_manager_key].unblock():
            drop_template()


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Django's test runner points every mailer at locmem; put the outbox back in front,
    as in production, so tests exercise the real path (store, then the task delivers)."""
    settings.MAILERS = {
        "default": {"BACKEND": "website.mail.outbox.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _indexing(request):
    """The search and reference index follow saves only in tests that need them (marked
    `database` or `indexing`), renditions are made after an upload only in tests marked
    `renditions`: website.testing.tasks."""
    marks = {mark.name for mark in request.node.iter_markers()}
    TestTaskBackend.indexing = bool({"database", "indexing"} & marks)
    TestTaskBackend.renditions = "renditions" in marks
    yield
    TestTaskBackend.indexing = True
    TestTaskBackend.renditions = False


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

    def log_in(self, username, password):
        """Log in to the admin through its login form, as an editor would."""
        self.open("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        expect(self.page.locator("h1").first).to_be_visible()

    def open(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status < 400, f"{path} answered {response.status}"
        return response

    def layout_shift(self):
        """The page's cumulative layout shift so far (the sum of its layout-shift entries, as
        Lighthouse's CLS counts them without user input): 0 when nothing moved after the
        first paint. Call after the page loaded (the entries are buffered)."""
        return self.page.evaluate(
            """new Promise(done => {
                let total = 0;
                new PerformanceObserver(list => list.getEntries().forEach(entry => {
                    if (!entry.hadRecentInput) { total += entry.value; }
                })).observe({type: "layout-shift", buffered: true});
                requestAnimationFrame(() => requestAnimationFrame(() => done(total)));
            })"""
        )

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
    # Let the pages' own requests (the admin editor's autosave, the checks panel) end first:
    # the live server shares the test's SQLite connection, and a request still inside its
    # transaction when the test's database is emptied broke every later test of the worker.
    for context in contexts:
        for page in context.pages:
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=5_000)
                page.goto("about:blank")
        context.close()
