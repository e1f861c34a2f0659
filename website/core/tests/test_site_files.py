"""What every site answers besides its pages: the 404, 500 and 503 pages (without the
database), robots.txt, the sitemap, the favicon and the human overview of the site."""

from xml.etree import ElementTree

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from website.core.views import server_error
from website.pages.factories import StandardPageFactory
from website.testing.utils import (
    assert_valid_html,
    find_all,
    find_one,
    text,
)

pytestmark = pytest.mark.django_db


def test_custom_404_page(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Deze pagina bestaat niet" in text(find_one(content, "main"))
    assert_valid_html(content)


def test_custom_500_page_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(None)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_database_errors_get_the_503_page_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            response = server_error(None)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "De website is even niet bereikbaar" in response.content.decode()
    assert_valid_html(response.content.decode())


def test_robots_and_sitemap(client, home_page):
    StandardPageFactory(parent=home_page, slug="missie")
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode().splitlines()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    tree = ElementTree.fromstring(sitemap.content)  # noqa: S314 - our own sitemap
    locations = [loc.text for loc in tree.iter(f"{namespace}loc")]
    assert "http://testserver/missie/" in locations


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("favicon.svg")


def test_the_footer_leads_to_an_overview_for_people_not_to_raw_xml(client, seeded):
    footer = find_one(client.get("/"), "footer")
    links = {text(a): a.get("href") for a in find_all(footer, "a")}
    assert links["Overzicht van de website"] == "/overzicht/"
    assert "/sitemap.xml" not in links.values()  # machines find it through robots.txt
    overview = find_one(client.get("/overzicht/"), "ul", "site-overview")
    titles = [text(a) for a in find_all(overview, "a")]
    for title in ("Wie zijn wij?", "Aangesloten organisaties", "Agenda", "Privacyverklaring"):
        assert title in titles
    assert "Nieuws" not in titles  # an empty list is no destination
    assert "Lokale aanpak" not in titles


def test_the_overview_needs_the_same_queries_for_a_large_site(client, home_page):
    def count():
        client.get("/overzicht/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/overzicht/")
        return len(queries)

    section = StandardPageFactory(parent=home_page, title="Sectie", show_in_menus=True)
    few = count()
    for number in range(10):
        StandardPageFactory(parent=home_page, title=f"Sectie {number}", show_in_menus=True)
        StandardPageFactory(parent=section, title=f"Onderdeel {number}", show_in_menus=True)
    assert count() == few
