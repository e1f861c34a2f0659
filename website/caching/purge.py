"""Purging the proxies' page cache when a page is published or unpublished, through
Wagtail's frontend cache (`wagtail.contrib.frontend_cache`, on when FRONTEND_CACHE_PURGE_URLS
lists the proxies: website.settings.production). Its task runs in the worker, so a publish
never waits for a proxy; a proxy out of reach is logged and its copy ages out by itself
within PAGE_CACHE_SECONDS."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)

PURGE_TIMEOUT_SECONDS = 5


class NginxPurgeBackend(HTTPBackend):
    """`PURGE <path>` with the page's Host to nginx's purge server (deploy/nginx/site.conf,
    ngx_cache_purge). nginx answers 404 for a page it does not hold: nothing to purge, not
    an error (Wagtail's own HTTP backend logs it as one, for every page nobody visited)."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        address = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        request = PurgeRequest(url=address, headers={"Host": host})
        try:
            with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310 - configured
                logger.info("Purged %s at %s", url, self.cache_netloc)
        except HTTPError as error:
            if error.code != 404:
                self._failed(url, f"HTTP {error.code}")
        except (URLError, OSError) as error:
            self._failed(url, error)

    def _failed(self, url, reason):
        logger.error("Could not purge %s at %s: %s", url, self.cache_netloc, reason)
