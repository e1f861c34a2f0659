import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.core.tests.utils import assert_valid_html, main_content
from website.library.factories import LibraryIndexPageFactory, PublicationPageFactory
from website.network.factories import MemberOrganisationFactory
from website.stories.factories import StoryIndexPageFactory, StoryPageFactory
from website.themes.models import ThemePage, ThemesIndexPage

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


def tagged(page, theme):
    page.themes.add(theme)
    page.save_revision().publish()
    return page


def test_theme_page_gathers_every_content_type_newest_first_and_who_works_on_it(
    client, theme, parents
):
    tagged(
        PublicationPageFactory(
            parent=parents["library"], title="Brief over schulden", date=datetime.date(2015, 9, 21)
        ),
        theme,
    )
    tagged(
        ArticlePageFactory(
            parent=parents["articles"], title="Achtergrond schulden", date=datetime.date(2016, 1, 1)
        ),
        theme,
    )
    tagged(
        StoryPageFactory(
            parent=parents["stories"], title="Verhaal over schulden", date=datetime.date(2017, 1, 1)
        ),
        theme,
    )
    event = EventPageFactory(parent=parents["agenda"], title="Schuldendag")
    add_date(event, days=0, start_date=datetime.date(2018, 3, 1))
    tagged(event, theme)
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
    assert "Schuldhulpmaatje" in content and "Andere club" not in content


def test_theme_page_queries_do_not_grow(client, theme, parents):
    def count():
        client.get(theme.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(theme.url)
        return len(queries)

    tagged(PublicationPageFactory(parent=parents["library"]), theme)
    tagged(ArticlePageFactory(parent=parents["articles"]), theme)
    MemberOrganisationFactory().themes.add(theme)
    few = count()
    for _ in range(8):
        tagged(PublicationPageFactory(parent=parents["library"]), theme)
        tagged(ArticlePageFactory(parent=parents["articles"]), theme)
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
