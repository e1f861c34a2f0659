"""Links of list pages built with Django's {% querystring %}: the next page keeps what the
visitor chose, a map tile replaces the place and starts again at page 1."""

import pytest
from django.test import SimpleTestCase

from website.initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from website.pages.factories import StandardPageFactory
from website.testing.utils import main_content

pytestmark = pytest.mark.django_db
html = SimpleTestCase()

ASSEN = "GM0106"
MIDDEN_DRENTHE = "GM1731"


@pytest.mark.indexing  # searches
def test_next_page_of_search_results_keeps_the_words_and_the_kind(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Voedselbank {number}")
    response = client.get("/zoeken/", {"q": "voedselbank", "soort": "standardpage"})
    html.assertContains(
        response,
        '<a href="?q=voedselbank&amp;soort=standardpage&amp;pagina=2">Volgende pagina</a>',
        html=True,
    )
    second = client.get("/zoeken/", {"q": "voedselbank", "soort": "standardpage", "pagina": 2})
    html.assertContains(
        second,
        '<a href="?q=voedselbank&amp;soort=standardpage&amp;pagina=1">Vorige pagina</a>',
        html=True,
    )


def test_province_tile_replaces_municipality_and_page_but_keeps_the_rest(client, home_page):
    overview = InitiativeIndexPageFactory(parent=home_page)
    InitiativePageFactory(parent=overview, title="Assen helpt", municipality=ASSEN)
    InitiativePageFactory(parent=overview, title="Samen rond", municipality=MIDDEN_DRENTHE)
    response = client.get(overview.url, {"gemeente": ASSEN, "pagina": "1", "q": "x"})
    tile = main_content(response).split("province-map__tile--drenthe", 1)[1]
    html.assertInHTML(
        '<a href="?q=x&amp;provincie=drenthe"><span class="province-map__name">Drenthe</span>'
        '<span class="province-map__count">2 <span class="visually-hidden">initiatieven</span>'
        "</span></a>",
        tile[tile.index("<a") : tile.index("</a>") + 4],
    )
