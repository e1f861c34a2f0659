import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.articles.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    BookReviewPageFactory,
)
from website.initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from website.library.factories import LibraryIndexPageFactory, PublicationPageFactory
from website.network.factories import MemberOrganisationFactory
from website.seed.translations import translate_page
from website.stories.factories import StoryIndexPageFactory, StoryPageFactory
from website.testing.utils import (
    assert_valid_html,
    find_all,
    find_one,
    main_content,
    text,
)
from website.themes.factories import ThemePageFactory, tag
from website.themes.models import ThemePage, ThemesIndexPage, related_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(home_page):
    index = ThemesIndexPage(title="Thema's", slug="themas")
    home_page.add_child(instance=index)
    page = ThemePage(title="Schulden", slug="schulden", introduction="Over schulden.")
    index.add_child(instance=page)
    return page


@pytest.fixture
def parents(home_page):
    return {
        "library": LibraryIndexPageFactory(parent=home_page),
        "articles": ArticleIndexPageFactory(parent=home_page),
        "stories": StoryIndexPageFactory(parent=home_page),
        "agenda": AgendaIndexPageFactory(parent=home_page),
    }


def theme_links(content):
    """The links of a page's themes section: (address, theme title) each."""
    section = find_one(content, "section", aria_labelledby="page-themes-title")
    return [(a.get("href"), text(a)) for a in find_all(section, "a")]


def test_theme_page_gathers_every_content_type_newest_first_and_who_works_on_it(
    client, theme, parents
):
    tag(
        PublicationPageFactory(
            parent=parents["library"], title="Brief over schulden", date=datetime.date(2015, 9, 21)
        ),
        theme,
    )
    tag(
        ArticlePageFactory(
            parent=parents["articles"], title="Achtergrond schulden", date=datetime.date(2016, 1, 1)
        ),
        theme,
    )
    tag(
        StoryPageFactory(
            parent=parents["stories"], title="Verhaal over schulden", date=datetime.date(2017, 1, 1)
        ),
        theme,
    )
    event = EventPageFactory(parent=parents["agenda"], title="Schuldendag")
    add_date(event, days=0, start_date=datetime.date(2018, 3, 1))
    tag(event, theme)
    PublicationPageFactory(parent=parents["library"], title="Ander onderwerp")
    member = MemberOrganisationFactory(name="Schuldhulpmaatje")
    member.themes.add(theme)
    MemberOrganisationFactory(name="Andere club")

    response = client.get(theme.url)
    assert_valid_html(response.content.decode())
    content = main_content(response)
    order = ["Schuldendag", "Verhaal over schulden", "Achtergrond schulden", "Brief over schulden"]
    positions = [content.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Ander onderwerp" not in content
    assert "Schuldhulpmaatje" in content
    assert "Andere club" not in content


def test_theme_page_queries_do_not_grow(client, theme, parents):
    def count():
        client.get(theme.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(theme.url)
        return len(queries)

    tag(PublicationPageFactory(parent=parents["library"]), theme)
    tag(ArticlePageFactory(parent=parents["articles"]), theme)
    MemberOrganisationFactory().themes.add(theme)
    few = count()
    for _ in range(8):
        tag(PublicationPageFactory(parent=parents["library"]), theme)
        tag(ArticlePageFactory(parent=parents["articles"]), theme)
        MemberOrganisationFactory().themes.add(theme)
    assert count() == few


def test_overview_lists_themes(client, theme):
    content = main_content(client.get(theme.get_parent().url))
    assert "Schulden" in content


def test_seed_creates_themes_and_tags_its_content(seeded, client):
    schulden = ThemePage.objects.get(title="Schulden")
    content = main_content(client.get(schulden.url))
    assert "Verbeterpunten schuldhulpverlening" in content
    assert "Brief Sociale Alliantie aan Kamer over knelpunten armoedebeleid" in content
    food = ThemePage.objects.get(title="Voedselbanken")
    assert "Genadebrood" in main_content(client.get(food.url))


@pytest.fixture
def more_themes(theme):
    index = theme.get_parent()
    return [
        ThemePageFactory(parent=index, title="Werkende armen", slug="werkende-armen"),
        ThemePageFactory(parent=index, title="Voedselbanken", slug="voedselbanken"),
    ]


def test_related_items_share_the_most_themes_across_content_types(
    client, theme, more_themes, parents, home_page
):
    work, food = more_themes
    overview = InitiativeIndexPageFactory(parent=home_page)
    letter = tag(
        PublicationPageFactory(parent=parents["library"], title="Brief over werk en schulden"),
        theme,
        work,
        food,
    )
    tag(InitiativePageFactory(parent=overview, title="Schuldhulp op het werk"), theme, work, food)
    story = tag(
        StoryPageFactory(parent=parents["stories"], title="Werken en schulden"), theme, work
    )
    event = tag(EventPageFactory(parent=parents["agenda"], title="Schuldendag"), theme)
    add_date(event, days=10)
    tag(
        BookReviewPageFactory(parent=parents["articles"], title="Boek over werk"),
        theme,
        work,
        food,
    )
    tag(
        ArticlePageFactory(parent=parents["articles"], title="Niet meer online"), theme, work
    ).unpublish()
    PublicationPageFactory(parent=parents["library"], title="Zonder thema")

    # Most shared themes first; equal in shared themes, the newest (by the content's own date,
    # else the publication date) first.
    assert [p.title for p in related_pages(letter)] == [
        "Schuldhulp op het werk",
        "Boek over werk",
        "Werken en schulden",
    ]
    assert [p.title for p in related_pages(story)] == [
        "Schuldhulp op het werk",
        "Brief over werk en schulden",
        "Boek over werk",
    ]

    content = main_content(client.get(letter.url))
    assert_valid_html(client.get(letter.url).content.decode())
    related = find_one(content, "section", "related")
    cards = find_all(related, "li", "card")
    assert [
        (text(find_one(card, "p", "card__meta")), text(find_one(card, "h3"))) for card in cards
    ] == [
        ("Lokaal initiatief", "Schuldhulp op het werk"),
        ("Boekbespreking", "Boek over werk"),
        ("Verhaal", "Werken en schulden"),
    ]
    assert sorted(theme_links(content)) == sorted((t.url, t.title) for t in (theme, work, food))
    # From an event too, the visitor reaches the theme.
    assert theme_links(main_content(client.get(event.url))) == [(theme.url, "Schulden")]
    # The initiative shows up on its theme page, with the way to all local work on it.
    work_page = main_content(client.get(work.url))
    assert "Schuldhulp op het werk" in work_page
    assert f"{overview.url}?thema=werkende-armen" in [
        a.get("href") for a in find_all(work_page, "a")
    ]
    lonely = ThemePageFactory(parent=theme.get_parent(), title="Zonder initiatieven")
    assert "lokale initiatieven" not in main_content(client.get(lonely.url))
    assert related_pages(PublicationPageFactory(parent=parents["library"])) == []


def test_related_items_cost_the_same_queries_however_much_is_tagged(
    client, theme, more_themes, parents, home_page
):
    letter = tag(PublicationPageFactory(parent=parents["library"]), theme)

    def count():
        client.get(letter.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(letter.url)
        return len(queries)

    overview = InitiativeIndexPageFactory(parent=home_page)
    tag(StoryPageFactory(parent=parents["stories"]), theme)
    few = count()
    for number in range(6):
        tag(StoryPageFactory(parent=parents["stories"]), theme, *more_themes)
        tag(PublicationPageFactory(parent=parents["library"]), theme)
        tag(InitiativePageFactory(parent=overview), theme, *more_themes)
        event = tag(EventPageFactory(parent=parents["agenda"]), theme)
        add_date(event, days=number + 1)
        tag(BookReviewPageFactory(parent=parents["articles"]), *more_themes)
    letter.themes.add(*more_themes)
    letter.save_revision().publish()
    assert count() == few


def test_every_theme_has_rss_and_atom_feeds_of_all_its_content(client, theme, parents, home_page):
    tag(
        PublicationPageFactory(
            parent=parents["library"], title="Brief over schulden", date=datetime.date(2015, 9, 21)
        ),
        theme,
    )
    tag(
        ArticlePageFactory(
            parent=parents["articles"],
            title="Achtergrond schulden",
            date=datetime.date(2016, 3, 1),
            author="Ger",
        ),
        theme,
    )
    event = tag(EventPageFactory(parent=parents["agenda"], title="Schuldendag"), theme)
    event_date = add_date(event, days=0, start_date=datetime.date(2018, 3, 1))
    overview = InitiativeIndexPageFactory(parent=home_page)
    tag(InitiativePageFactory(parent=overview, title="Samen rond in Beilen"), theme)
    PublicationPageFactory(parent=parents["library"], title="Ander onderwerp")

    head = find_one(client.get(theme.url), "head")
    feeds = [
        (link.get("type"), link.get("href")) for link in find_all(head, "link", rel="alternate")
    ]
    assert feeds == [
        ("application/rss+xml", f"{theme.url}feed/rss/"),
        ("application/atom+xml", f"{theme.url}feed/atom/"),
    ]
    for kind, content_type in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        response = client.get(f"{theme.url}feed/{kind}/")
        assert response["Content-Type"].startswith(content_type)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == "Schulden"
        entries = {entry.title: entry for entry in feed.entries}
        # Newest first; the initiative was published today.
        assert [entry.title for entry in feed.entries] == [
            "Samen rond in Beilen",
            "Schuldendag",
            "Achtergrond schulden",
            "Brief over schulden",
        ]
        assert entries["Schuldendag"].link.endswith(f"{event.url}#datum-{event_date.pk}")
        assert entries["Achtergrond schulden"].author == "Ger"
        assert [tag.term for tag in entries["Brief over schulden"].tags] == ["Kamerbrief"]
        assert [tag.term for tag in entries["Samen rond in Beilen"].tags] == ["Lokaal initiatief"]


def test_pages_in_a_private_section_are_never_related_or_listed(client, theme, parents):
    letter = tag(PublicationPageFactory(parent=parents["library"], title="Openbaar"), theme)
    secret = tag(PublicationPageFactory(parent=parents["library"], title="Alleen leden"), theme)
    PageViewRestriction.objects.create(page=secret, restriction_type="login")

    assert related_pages(letter) == []
    assert "Alleen leden" not in main_content(client.get(theme.url))


def test_a_translated_theme_lists_the_dutch_items_marked_as_dutch(client, theme, parents):
    """Pages are tagged with the Dutch theme: its English page lists them (Dutch, said so,
    marked lang="nl", dates in Dutch) and who works on it; it has no feed of its own."""
    tag(
        ArticlePageFactory(
            parent=parents["articles"], title="Achtergrond schulden", date=datetime.date(2016, 1, 1)
        ),
        theme,
    )
    MemberOrganisationFactory(name="Schuldhulpmaatje").themes.add(theme)
    english, _ = translate_page(theme, "en", {"Schulden": "Debts"})

    main = find_one(client.get(english.url), "main")
    section = find_one(main, "section", aria_labelledby="theme-items")
    assert text(find_one(section, "h2")) == "What the network does about it"
    assert "This is only available in Dutch." in text(section)
    (items,) = find_all(section, "ul", class_="card-list")
    assert items.get("lang") == "nl"
    assert "Achtergrond schulden" in text(items) and "1 januari 2016" in text(items)
    assert "Schuldhulpmaatje" in text(main) and "Who works on it" in text(main)
    assert client.get(english.url + "feed/rss/").status_code == 404
    assert "application/rss+xml" not in client.get(english.url).content.decode()
