"""HTTP basics other software relies on: every GET view answers HEAD (link checkers, feed
readers and monitors ask HEAD first), with the status and headers of GET and no body."""

import pytest
from wagtail.models import Site

from website.core.samples import page_samples
from website.testing.utils import find_all, find_one

pytestmark = pytest.mark.django_db

MACHINE_PATHS = [
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/achtergronden/feed/rss/",
    "/achtergronden/feed/atom/",
    "/agenda/ical/",
]


def test_every_get_view_answers_head(client, seeded):
    site = Site.objects.get(is_default_site=True)
    paths = [path for _name, path in page_samples(site)] + MACHINE_PATHS
    for path in paths:
        get = client.get(path)
        head = client.head(path)
        assert head.status_code == get.status_code, path
        assert head.headers.get("Content-Type") == get.headers.get("Content-Type"), path
        assert head.content == b"", path
        if path in MACHINE_PATHS:
            assert get.status_code in (200, 301), path  # they exist on the seeded site


def test_every_page_type_has_its_own_canonical_and_a_share_image(client, seeded):
    """The head of every kind of public page: an absolute canonical address of the page
    itself, and a share image the networks accept (at least 200×200, with its alt)."""
    site = Site.objects.get(is_default_site=True)
    for name, path in page_samples(site):
        if name.endswith("not-found") or name == "site-overview" or "?" in path:
            continue  # not pages: the 404 and the overview (a view) have no canonical
        response = client.get(path, follow=True)  # the archive leads on to its newest year
        shown = response.request["PATH_INFO"]
        head = find_one(response, "head")
        if find_all(head, "meta", name="robots"):
            continue  # forms and their answers: noindex, not shared
        canonical = find_one(head, "link", rel="canonical").get("href")
        assert canonical == site.root_url + shown, path
        meta = {m.get("property"): m.get("content") for m in find_all(head, "meta")}
        assert meta["og:url"] == canonical, path
        assert int(meta["og:image:width"]) >= 200 and int(meta["og:image:height"]) >= 200, path
        assert meta["og:image"].startswith(site.root_url) and meta["og:image:alt"], path
