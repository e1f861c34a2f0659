"""HTTP basics other software relies on: every GET view answers HEAD (link checkers, feed
readers and monitors ask HEAD first), with the status and headers of GET and no body."""

import pytest
from wagtail.models import Site

from website.core.samples import page_samples

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
