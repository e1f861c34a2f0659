"""Lokale aanpak: municipality data, initiative pages, the overview's filters and map."""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.core.geography import PROVINCE_NAMES
from website.core.tests.utils import assert_valid_html, card_titles, main_content
from website.initiatives import municipalities
from website.initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from website.initiatives.models import InitiativeIndexPage, InitiativePage
from website.themes.factories import ThemePageFactory, ThemesIndexPageFactory, tag

pytestmark = pytest.mark.django_db

MIDDEN_DRENTHE = "GM1731"  # Beilen lies here
ASSEN = "GM0106"
ROTTERDAM = "GM0599"
MAASTRICHT = "GM0935"


@pytest.fixture
def overview(home_page):
    return InitiativeIndexPageFactory(parent=home_page)


@pytest.fixture
def debts(home_page):
    themes = ThemesIndexPageFactory(parent=home_page)
    return ThemePageFactory(parent=themes, title="Schulden", slug="schulden")


def map_tile(content, province):
    """The text of one province's tile on the map, tags stripped."""
    match = re.search(rf'province-map__tile--{province}[^"]*">(.*?)</li>', content, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_every_municipality_belongs_to_one_of_the_twelve_provinces():
    data = municipalities.municipalities()
    assert len(data) == 342
    per_province = Counter(m.province for m in data.values())
    assert set(per_province) == set(PROVINCE_NAMES)
    assert per_province["drenthe"] == 12 and per_province["noord-brabant"] == 56
    assert municipalities.get(MIDDEN_DRENTHE).name == "Midden-Drenthe"
    assert municipalities.get("GM0518").name == "Den Haag"
    grouped = dict(municipalities.grouped_choices())
    assert (MIDDEN_DRENTHE, "Midden-Drenthe") in grouped["Drenthe"]


def test_province_follows_from_the_municipality(overview):
    initiative = InitiativePageFactory(parent=overview, municipality=ROTTERDAM)
    assert InitiativePage.objects.get(pk=initiative.pk).province == "zuid-holland"
    initiative.municipality = MAASTRICHT
    initiative.save()
    assert InitiativePage.objects.get(pk=initiative.pk).province == "limburg"


def test_a_visitor_from_beilen_finds_the_initiatives_in_drenthe(client, overview, debts):
    InitiativePageFactory(
        parent=overview, title="Samen rond in Beilen", municipality=MIDDEN_DRENTHE
    )
    InitiativePageFactory(parent=overview, title="Assen helpt", municipality=ASSEN)
    tag(
        InitiativePageFactory(
            parent=overview, title="Schuldhulp Rotterdam", municipality=ROTTERDAM
        ),
        debts,
    )

    everything = client.get(overview.url)
    assert_valid_html(everything.content.decode())
    content = main_content(everything)
    assert card_titles(content) == ["Assen helpt", "Samen rond in Beilen", "Schuldhulp Rotterdam"]
    assert map_tile(content, "drenthe") == "Drenthe 2 initiatieven"
    assert map_tile(content, "zuid-holland") == "Zuid-Holland 1 initiatief"
    assert map_tile(content, "zeeland") == "Zeeland 0 initiatieven"
    assert 'href="?provincie=drenthe"' in content

    drenthe = main_content(client.get(overview.url, {"provincie": "drenthe"}))
    assert card_titles(drenthe) == ["Assen helpt", "Samen rond in Beilen"]
    assert '<a href="?provincie=drenthe" aria-current="true">' in drenthe
    assert '<option value="drenthe" selected>Drenthe</option>' in drenthe

    municipality = main_content(client.get(overview.url, {"gemeente": MIDDEN_DRENTHE}))
    assert card_titles(municipality) == ["Samen rond in Beilen"]
    assert f'<option value="{MIDDEN_DRENTHE}" selected>Midden-Drenthe</option>' in municipality
    # Only municipalities with initiatives are offered.
    assert "Maastricht" not in municipality

    on_theme = main_content(client.get(overview.url, {"thema": "schulden"}))
    assert card_titles(on_theme) == ["Schuldhulp Rotterdam"]
    # The map counts what matches the theme, and its links keep the theme.
    assert map_tile(on_theme, "drenthe") == "Drenthe 0 initiatieven"
    assert 'href="?thema=schulden&amp;provincie=zuid-holland"' in on_theme


def test_hostile_or_stale_filters_show_the_whole_list(client, overview):
    InitiativePageFactory(parent=overview, title="Samen rond in Beilen")
    for params in (
        {"provincie": "<script>alert(1)</script>"},
        {"gemeente": "GM9999", "thema": "bestaat-niet"},
        {"gemeente": "x" * 5000, "pagina": "\x00"},
    ):
        response = client.get(overview.url, params)
        assert response.status_code == 200
        content = main_content(response)
        assert card_titles(content) == ["Samen rond in Beilen"]
        assert "<script>alert" not in content
        assert "Wis de keuze" not in content


def test_nothing_found_says_so_and_offers_the_whole_list(client, overview):
    InitiativePageFactory(parent=overview, municipality=ASSEN)
    content = main_content(client.get(overview.url, {"provincie": "zeeland"}))
    assert "Er zijn geen initiatieven met deze keuze." in content
    assert '<a href="?">Toon alle initiatieven</a>' in content


def test_overview_query_count_is_flat(client, overview, debts):
    def count():
        client.get(overview.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(overview.url, {"thema": "schulden"})
        assert response.status_code == 200
        return len(queries)

    tag(InitiativePageFactory(parent=overview, municipality=ASSEN), debts)
    few = count()
    for code in (MIDDEN_DRENTHE, ROTTERDAM, MAASTRICHT, "GM0518", "GM0363") * 3:
        tag(InitiativePageFactory(parent=overview, municipality=code), debts)
    assert count() == few


def test_initiative_page_shows_where_and_how_to_reach_it(client, overview, debts):
    initiative = tag(
        InitiativePageFactory(
            parent=overview,
            title="Samen rond in Beilen",
            municipality=MIDDEN_DRENTHE,
            website="https://samenrond.example/",
            contact_email="info@samenrond.example",
            contact_phone="+31 (0)593 12-34-56",
        ),
        debts,
    )
    response = client.get(initiative.url)
    assert_valid_html(response.content.decode())
    content = main_content(response)
    assert "Lokaal initiatief · Midden-Drenthe" in content
    assert f'<a href="{overview.url}?provincie=drenthe">Drenthe</a>' in content
    assert '<a href="https://samenrond.example/" rel="noopener">' in content
    assert 'href="mailto:info@samenrond.example"' in content
    assert '<a href="tel:+31593123456">+31 (0)593 12-34-56</a>' in content
    assert f'<a href="{debts.url}">Schulden</a>' in content


def test_seed_creates_the_lokale_aanpak_overview(seeded, client):
    overview = InitiativeIndexPage.objects.get()
    assert overview.title == "Lokale aanpak" and overview.show_in_menus
    content = main_content(client.get(overview.url))
    assert "Nederland kent een enorm scala aan initiatieven" in content
    assert "De anti-armoedebeweging kan inspiratie putten" in content
    assert "Er staan nog geen initiatieven op de website." in content


def test_an_initiative_whose_municipality_left_the_data_still_shows(client, overview):
    """After a merger the CSV loses a code; pages that still have it must not break."""
    initiative = InitiativePageFactory(parent=overview, title="Oude gemeente")
    InitiativePage.objects.filter(pk=initiative.pk).update(municipality="GM0001", province="")
    overview_page = main_content(client.get(overview.url))
    assert "Oude gemeente" in overview_page and "Overig" in overview_page
    assert '<optgroup label="Overig">' in overview_page
    assert "GM0001" in main_content(client.get(initiative.url))


def test_a_phone_number_must_look_like_one(overview):
    initiative = InitiativePageFactory(parent=overview)
    initiative.contact_phone = "bel me"
    with pytest.raises(ValidationError) as refused:
        initiative.full_clean()
    assert "Vul een telefoonnummer in met cijfers" in str(refused.value)
