"""Feeds as feed readers and the W3C Feed Validator read them: an author for every Atom
entry (RFC 4287 §4.1.1), ids that survive a new slug (RFC 4151 tag URIs), dates that are
not in the future, plain text that stays text. Every list page's feeds and the themes'."""

import datetime
import html

import feedparser
import pytest
from defusedxml.ElementTree import fromstring
from django.test import TestCase
from django.utils import timezone

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.core.models import SiteSettings
from website.seed.translations import translate_page
from website.themes.factories import ThemePageFactory, ThemesIndexPageFactory, tag

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def network(home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "Sociale Alliantie"
    site_settings.save()
    return site_settings


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, fromstring(response.content)


def test_atom_has_an_author_and_ids_that_survive_a_new_slug(client, home_page, network):
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index, title="Toeslagen", introduction="Over <b>vet</b> en AT&T.", author=""
    )
    ArticlePageFactory(parent=index, title="AT&T <b>vet</b>", date=datetime.date(2015, 1, 1))
    feed, xml = read(client, index.url + "feed/atom/")
    assert xml.find(f"{ATOM}author/{ATOM}name").text == "Sociale Alliantie"
    # The elements the W3C Feed Validator requires or recommends (RFC 4287 §4.1.1–4.1.2).
    assert xml.find(f"{ATOM}id").text and xml.find(f"{ATOM}updated").text
    assert xml.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feed/atom/")
    for element in xml.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert element.find(f"{ATOM}{required}") is not None, required
    entry, plain = feed.entries
    assert plain.title == "AT&T <b>vet</b>"  # Atom: a text title, as typed
    assert xml.find(f"{ATOM}id").text.startswith("tag:")  # the feed's own id is permanent
    host = home_page.get_site().hostname
    assert entry.id.startswith(f"tag:{host},") and entry.id.endswith(f":page:{article.pk}")
    # Plain text, escaped as text: a reader shows the tags, it does not render them.
    assert "<b>" not in entry.summary
    assert html.unescape(entry.summary) == "Over <b>vet</b> en AT&T."

    article.slug = "toeslagen-nieuw"
    article.save_revision().publish()
    feed, _xml = read(client, index.url + "feed/atom/")
    assert feed.entries[0].id == entry.id
    assert feed.entries[0].link.endswith("/toeslagen-nieuw/")

    rss, rss_xml = read(client, index.url + "feed/rss/")
    assert rss.entries[0].id == entry.id
    # RSS readers read titles as HTML: escaped, the tags show instead of making it bold.
    assert "<b>" not in rss.entries[1].title
    assert html.unescape(rss.entries[1].title) == "AT&T <b>vet</b>"
    assert rss_xml.find("channel/item/guid").get("isPermaLink") == "false"


def test_items_are_dated_when_they_were_published_never_in_the_future(client, home_page, network):
    """An event on a theme is dated by when it went online, not by its date next month; an
    old letter keeps its own date."""
    themes = ThemesIndexPageFactory(parent=home_page)
    theme = ThemePageFactory(parent=themes)
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = tag(EventPageFactory(parent=agenda, title="Alliantiedag"), theme)
    add_date(event, days=40)
    index = ArticleIndexPageFactory(parent=home_page)
    tag(ArticlePageFactory(parent=index, title="Oud", date=datetime.date(2016, 3, 1)), theme)
    now = timezone.now()
    for kind in ("rss", "atom"):
        feed, _xml = read(client, f"{theme.url}feed/{kind}/")
        dates = {entry.title: entry.published_parsed for entry in feed.entries}
        assert datetime.datetime(*dates["Alliantiedag"][:6], tzinfo=datetime.UTC) <= now
        assert dates["Oud"][:3] == (2016, 3, 1)
        for entry in feed.entries:
            assert entry.id.startswith("tag:")


def test_subscribers_keep_the_feed_when_the_list_page_gets_a_new_slug(client, home_page):
    """Wagtail redirects the page; its feed and calendar routes follow it (301)."""
    index = ArticleIndexPageFactory(parent=home_page, slug="achtergronden")
    ArticlePageFactory(parent=index, title="Toeslagen")
    old_feed = index.url + "feed/atom/"
    index.slug = "verdieping"
    with TestCase.captureOnCommitCallbacks(execute=True):
        index.save_revision().publish()
    response = client.get(old_feed)
    assert response.status_code == 301
    assert response.headers["Location"] == "/verdieping/feed/atom/"
    feed, _xml = read(client, response.headers["Location"])
    assert [entry.title for entry in feed.entries] == ["Toeslagen"]
    assert client.get("/nergens/feed/atom/").status_code == 404


def test_a_translated_list_has_feeds_only_with_items_of_its_own(client, home_page, network):
    """A translated list showing the Dutch items has no feed of its own (they are in the
    Dutch one) and links none; once it has its own items, it has one, with them."""
    index = ArticleIndexPageFactory(parent=home_page, title="Achtergronden")
    article = ArticlePageFactory(parent=index, title="Toeslagen")
    english_index, _ = translate_page(index, "en", {"Achtergronden": "Backgrounds"})
    assert client.get(english_index.url + "feed/rss/").status_code == 404
    assert client.get(english_index.url + "feed/atom/").status_code == 404
    page = client.get(english_index.url).content.decode()
    assert "application/rss+xml" not in page and "feed/rss/" not in page
    # A translated section below it gives it children, but still no items of its own.
    news = ArticleIndexPageFactory(parent=index, title="Nieuws", slug="nieuws")
    translate_page(news, "en", {"Nieuws": "News"})
    assert client.get(english_index.url + "feed/rss/").status_code == 404

    translate_page(article, "en", {"Toeslagen": "Benefits"})
    feed, _xml = read(client, english_index.url + "feed/rss/")
    assert feed.feed.title == "Backgrounds"
    assert [entry.title for entry in feed.entries] == ["Benefits"]
    assert "application/rss+xml" in client.get(english_index.url).content.decode()
    dutch, _xml = read(client, index.url + "feed/rss/")
    assert [entry.title for entry in dutch.entries] == ["Toeslagen"]
