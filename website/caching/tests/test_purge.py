"""Purging a page from the proxies' cache (website.caching.purge), against a real HTTP server
that answers PURGE as nginx's ngx_cache_purge does: 200 when it held the page, 404 when not.
CI's deploy smoke test purges two real nginx proxies on a publish."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

from website.pages.factories import StandardPageFactory
from website.testing.services import free_port

pytestmark = pytest.mark.django_db


class PurgeServer(ThreadingHTTPServer):
    """Answers `PURGE <path>`: 200 for the paths in `held` (then forgotten), else 404."""

    def __init__(self, held):
        self.held, self.purged = set(held), []

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(handler):  # noqa: N802, N805 - the HTTP method's name
                self.purged.append((handler.headers["Host"], handler.path))
                found = handler.path in self.held
                self.held.discard(handler.path)
                handler.send_response(200 if found else 404)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, *args):  # noqa: N805
                pass

        super().__init__(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def location(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


def proxies(*locations):
    backend = "website.caching.purge.NginxPurgeBackend"
    return {
        f"proxy{number}": {"BACKEND": backend, "LOCATION": location}
        for number, location in enumerate(locations, start=1)
    }


def test_a_page_is_purged_from_every_proxy_and_one_that_did_not_hold_it_is_no_error(
    home_page, caplog
):
    page = StandardPageFactory(parent=home_page, title="Wie zijn wij?")
    path = page.get_url_parts()[2]
    holding, not_holding = PurgeServer([path]), PurgeServer([])
    try:
        with caplog.at_level(logging.INFO, logger="website.caching.purge"):
            purge_page_from_cache(page, proxies(holding.location, not_holding.location))
        host = page.get_site().hostname
        assert [purged[1] for purged in holding.purged] == [path]
        assert [purged[1] for purged in not_holding.purged] == [path]
        assert holding.purged[0][0].split(":")[0] == host  # the page's own host: its cache key
        assert path not in holding.held
        assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    finally:
        holding.shutdown()
        not_holding.shutdown()


def test_a_proxy_out_of_reach_is_logged_and_the_others_are_still_purged(home_page, caplog):
    page = StandardPageFactory(parent=home_page, title="Wie zijn wij?")
    path = page.get_url_parts()[2]
    reachable = PurgeServer([path])
    try:
        nothing_listens = f"http://127.0.0.1:{free_port()}"
        purge_page_from_cache(page, proxies(nothing_listens, reachable.location))
        assert [purged[1] for purged in reachable.purged] == [path]
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "Could not purge" in errors[0]
    finally:
        reachable.shutdown()
