"""Search finds what people type (issue 29): compatibility characters (the Dutch letter "ĳ"
U+0133 that keyboards, PDFs and Word's autocorrect produce), accents PostgreSQL's `dutch`
configuration keeps, a place's other names and the first part of a compound word. On both
databases: CI runs these on PostgreSQL, `make test-database` without DATABASE_URL on SQLite."""

from html import unescape

import pytest
from django.db import migrations
from wagtail.search.models import IndexEntry

from website.pages.factories import StandardPageFactory
from website.search.apps import reindex_after_format_change
from website.testing.utils import card_titles, find_all, find_one, main_content, text

pytestmark = [pytest.mark.database, pytest.mark.django_db]

PAGES = [
    ("Wijkteam \u0132sselmonde", "Hulp in de wijk."),  # Ĳ as one letter, as Word makes it
    ("Spreekuur in Ĳmuiden", "Elke dinsdag in het w\u0133kcentrum."),
    ("Armoede in Fryslân", "De provincie Fryslân en haar gemeenten."),
    ("Curaçao en Bonaire", "Armoede in de Caribische gemeenten."),
    ("Reünie van de werkgroep", "Zoë en Chloë organiseren het café."),
    ("Zitting in 's-Gravenhage", "Op het Binnenhof."),
    ("Markt in Den Bosch", "Op de Parade."),
    ("Gesprek in Ljouwert", "Met de wethouder."),
    ("Schuldhulpverlening in Utrecht", "Wat de gemeente doet."),
    ("Verhaal van mevrouw Yılmaz", "Uit Łódź naar Rotterdam, met Sørensen aan de Straße."),
    ("Schuldhulp", "Zo vraag je het aan."),
    ("Voedselbanken in het land", "Een overzicht."),
    ("Anna vertelt", "Zo'n leven is zwaar."),
    ("Iets anders", "Over de natuur."),
]


@pytest.fixture
def pages(home_page):
    for title, introduction in PAGES:
        StandardPageFactory(parent=home_page, title=title, introduction=introduction)


def found(client, query):
    return [
        unescape(title) for title in card_titles(main_content(client.get("/zoeken/", {"q": query})))
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IJsselmonde", "Wijkteam \u0132sselmonde"),
        ("ijsselmonde", "Wijkteam \u0132sselmonde"),
        ("\u0133sselmonde", "Wijkteam \u0132sselmonde"),
        ("IJmuiden", "Spreekuur in Ĳmuiden"),
        ("wijkcentrum", "Spreekuur in Ĳmuiden"),
        ("w\u0133kcentrum", "Spreekuur in Ĳmuiden"),
    ],
)
def test_the_ligature_letter_ij_is_found_by_every_spelling(client, pages, query, expected):
    assert found(client, query) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Fryslan", "Armoede in Fryslân"),
        ("FRYSLÂN", "Armoede in Fryslân"),
        ("curacao", "Curaçao en Bonaire"),
        ("reunie", "Reünie van de werkgroep"),
        ("zoe", "Reünie van de werkgroep"),
        ("cafe", "Reünie van de werkgroep"),
        ("caf\u0065\u0301", "Reünie van de werkgroep"),  # é as e + combining accent (macOS)
        # Letters without a decomposition, typed without their stroke or dot.
        ("Yilmaz", "Verhaal van mevrouw Yılmaz"),
        ("Lodz", "Verhaal van mevrouw Yılmaz"),
        ("sorensen", "Verhaal van mevrouw Yılmaz"),
        ("Łódź", "Verhaal van mevrouw Yılmaz"),
    ],
)
def test_accents_do_not_matter_on_either_database(client, pages, query, expected):
    assert found(client, query) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Friesland", ["Armoede in Fryslân"]),
        ("friesland armoede", ["Armoede in Fryslân"]),
        ("Den Haag", ["Zitting in 's-Gravenhage"]),
        ("'s-Gravenhage", ["Zitting in 's-Gravenhage"]),
        ("The Hague", ["Zitting in 's-Gravenhage"]),
        ("'s-Hertogenbosch", ["Markt in Den Bosch"]),
        ("Leeuwarden", ["Gesprek in Ljouwert"]),
    ],
)
def test_a_place_is_found_by_its_other_names(client, pages, query, expected):
    assert found(client, query) == expected


def test_the_first_part_of_a_compound_finds_it_with_the_word_itself_first(client, pages):
    assert found(client, "schuldhulp") == ["Schuldhulp", "Schuldhulpverlening in Utrecht"]
    assert found(client, "voedsel") == ["Voedselbanken in het land"]
    assert found(client, "armoede schuldhulp") == []  # every word must be there
    assert found(client, "gemeente schuldhulp") == ["Schuldhulpverlening in Utrecht"]
    assert found(client, "schuldhulp utrecht") == ["Schuldhulpverlening in Utrecht"]
    assert found(client, "voedsel land") == ["Voedselbanken in het land"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Frysla\u0302n", ["Armoede in Fryslân"]),  # the accent as a separate mark (macOS, PDF)
        ("Frys\u200blan", ["Armoede in Fryslân"]),  # a zero-width space pasted inside
        ("schuld\u00adhulpverlening", ["Schuldhulpverlening in Utrecht"]),  # a soft hyphen
        ("Yi\u0307lmaz", ["Verhaal van mevrouw Yılmaz"]),  # a Turkish capital İ lower-cased
        ("Anna's", ["Anna vertelt"]),  # a possessive: the "s" need not be on the page
        ("Yılmaz’s", ["Verhaal van mevrouw Yılmaz"]),
        ("zo'n leven", ["Anna vertelt"]),
    ],
)
def test_what_is_pasted_or_typed_around_a_word_does_not_split_it(client, pages, query, expected):
    assert found(client, query) == expected


def test_a_short_last_word_is_not_a_beginning(client, pages):
    assert found(client, "cur") == []  # not "Curaçao"


def test_snippets_mark_the_words_as_written(client, pages):
    content = main_content(client.get("/zoeken/", {"q": "Friesland"}))
    assert [text(mark) for mark in find_all(content, "mark")] == ["Fryslân"]
    content = main_content(client.get("/zoeken/", {"q": "wijkcentrum"}))
    snippet = find_one(content, "p", "search-result__snippet")
    assert [text(mark) for mark in find_all(snippet, "mark")] == ["w\u0133kcentrum"]


def test_the_index_stores_text_folded(pages):
    """What the backend stored, read back from its table: no accent and no "ĳ" left."""
    stored = " ".join(
        str(entry.title) + " " + str(entry.body) for entry in IndexEntry.objects.all()
    )
    assert "Ĳ" not in stored and "ĳ" not in stored and "â" not in stored
    assert "fryslan" in stored.lower()


def test_applying_the_marker_migration_reindexes_what_is_stored(client, pages):
    IndexEntry.objects.all().delete()  # as if stored by the old, unfolded indexer
    assert found(client, "Fryslan") == []
    plan = [(migrations.Migration("0001_fold_index", "site_search"), False)]
    reindex_after_format_change(plan=plan)
    assert found(client, "Fryslan") == ["Armoede in Fryslân"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Den Haag", "Zitting in &#x27;s-Gravenhage"), ("Friesland", "Armoede in Fryslân")],
)
def test_the_admin_page_search_knows_other_names_too(admin_client, pages, query, expected):
    listing = admin_client.get("/admin/pages/search/", {"q": query}).content.decode()
    assert expected in listing
