"""Lokale aanpak: municipality data, initiative pages, the overview's filters and map."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.core.geography import PROVINCE_NAMES
from website.initiatives import municipalities
from website.initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from website.initiatives.models import InitiativeIndexPage, InitiativePage
from website.testing.utils import (
    assert_valid_html,
    card_titles,
    find_all,
    find_one,
    main_content,
    options,
    selected,
    text,
)
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
    """One province's tile on the map (parsed)."""
    tiles = find_one(content, "nav", "province-map")
    return find_one(tiles, "li", f"province-map__tile--{province}")


def tile_link(content, province):
    """The link of a province's tile (only tiles with initiatives have one)."""
    return find_one(map_tile(content, province), "a")


def page_themes(response):
    """The themes section of a page (parsed)."""
    return find_one(response, "section", aria_labelledby="page-themes-title")


def test_every_municipality_belongs_to_one_of_the_twelve_provinces():
    data = municipalities.municipalities()
    assert len(data) == 342
    per_province = Counter(m.province for m in data.values())
    assert set(per_province) == set(PROVINCE_NAMES)
    assert per_province["drenthe"] == 12
    assert per_province["noord-brabant"] == 56
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
    assert text(map_tile(content, "drenthe")) == "Drenthe 2 initiatieven"
    assert text(map_tile(content, "zuid-holland")) == "Zuid-Holland 1 initiatief"
    assert text(map_tile(content, "zeeland")) == "Zeeland 0 initiatieven"
    assert tile_link(content, "drenthe").get("href") == "?provincie=drenthe"
    assert tile_link(content, "drenthe").get("aria-current") is None
    assert find_all(map_tile(content, "zeeland"), "a") == []

    drenthe = main_content(client.get(overview.url, {"provincie": "drenthe"}))
    assert card_titles(drenthe) == ["Assen helpt", "Samen rond in Beilen"]
    assert tile_link(drenthe, "drenthe").get("aria-current") == "true"
    assert tile_link(drenthe, "zuid-holland").get("aria-current") is None
    assert ("drenthe", "Drenthe", True) in options(drenthe, "provincie")
    assert selected(drenthe, "provincie") == ["drenthe"]

    municipality = main_content(client.get(overview.url, {"gemeente": MIDDEN_DRENTHE}))
    assert card_titles(municipality) == ["Samen rond in Beilen"]
    assert (MIDDEN_DRENTHE, "Midden-Drenthe", True) in options(municipality, "gemeente")
    assert selected(municipality, "gemeente") == [MIDDEN_DRENTHE]
    # Only municipalities with initiatives are offered.
    offered = {value for value, _text, _chosen in options(municipality, "gemeente") if value}
    assert offered == {ASSEN, MIDDEN_DRENTHE, ROTTERDAM}

    on_theme = main_content(client.get(overview.url, {"thema": "schulden"}))
    assert card_titles(on_theme) == ["Schuldhulp Rotterdam"]
    # The map counts what matches the theme, and its links keep the theme.
    assert text(map_tile(on_theme, "drenthe")) == "Drenthe 0 initiatieven"
    assert tile_link(on_theme, "zuid-holland").get("href") == (
        "?thema=schulden&provincie=zuid-holland"
    )


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
    assert card_titles(content) == []
    (message,) = [p for p in find_all(content, "p") if "geen initiatieven" in text(p)]
    assert text(message) == "Er zijn geen initiatieven met deze keuze. Toon alle initiatieven."
    assert find_one(message, "a").get("href") == "?"


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
    article = find_one(response, "article")
    assert text(find_one(article, "p", "kicker")) == "Lokaal initiatief · Midden-Drenthe"
    facts = find_one(article, "dl", "facts")
    links = {
        text(term): [(a.get("href"), text(a)) for a in find_all(value, "a")]
        for term, value in zip(find_all(facts, "dt"), find_all(facts, "dd"), strict=True)
    }
    assert links == {
        "Gemeente": [],
        "Provincie": [(f"{overview.url}?provincie=drenthe", "Drenthe")],
        "Website": [("https://samenrond.example/", "https://samenrond.example/")],
        "E-mail": [("mailto:info@samenrond.example", "info@samenrond.example")],
        "Telefoon": [("tel:+31593123456", "+31 (0)593 12-34-56")],
    }
    website = find_one(facts, "a", href="https://samenrond.example/")
    assert website.get("rel") == "noopener"
    # The theme links come after the article, in the page's own themes section.
    assert [(a.get("href"), text(a)) for a in find_all(page_themes(response), "a")] == [
        (debts.url, "Schulden")
    ]


def test_seed_creates_the_lokale_aanpak_overview(seeded, client):
    overview = InitiativeIndexPage.objects.get()
    assert overview.title == "Lokale aanpak"
    assert overview.show_in_menus
    content = main_content(client.get(overview.url))
    assert "Nederland kent een enorm scala aan initiatieven" in content
    assert "De anti-armoedebeweging kan inspiratie putten" in content
    assert "Klik op onderstaande artikelen" not in content  # old-site wording, nothing below
    # No initiatives yet: no list, filters or map, and no menu item leading here.
    for empty_part in ("initiatives-title", "filter-provincie", "province-map"):
        assert empty_part not in content
    # The text promises examples: the page says there are none yet, and how to add one.
    assert "Er staan nog geen initiatieven op deze pagina" in content
    menu = find_one(client.get("/"), "nav", "main-nav")
    assert "Lokale aanpak" not in text(menu)
    InitiativePageFactory(parent=overview, title="Buurtkamer")
    assert "Lokale aanpak" in text(find_one(client.get("/"), "nav", "main-nav"))
    assert "initiatives-title" in main_content(client.get(overview.url))
    assert "nog geen initiatieven" not in main_content(client.get(overview.url))


def test_an_initiative_whose_municipality_left_the_data_still_shows(client, overview):
    """After a merger the CSV loses a code; pages that still have it must not break."""
    initiative = InitiativePageFactory(parent=overview, title="Oude gemeente")
    InitiativePage.objects.filter(pk=initiative.pk).update(municipality="GM0001", province="")
    overview_page = main_content(client.get(overview.url))
    assert card_titles(overview_page) == ["Oude gemeente"]
    municipality = find_one(overview_page, "select", name="gemeente")
    other = find_one(municipality, "optgroup", label="Overig")
    assert [(o.get("value"), text(o)) for o in find_all(other, "option")] == [("GM0001", "GM0001")]
    assert "GM0001" in main_content(client.get(initiative.url))


def test_a_phone_number_must_look_like_one(overview):
    initiative = InitiativePageFactory(parent=overview)
    initiative.contact_phone = "bel me"
    with pytest.raises(ValidationError) as refused:
        initiative.full_clean()
    assert "Vul een telefoonnummer in met cijfers" in str(refused.value)
