"""Site search: all page types, document text via its publication, Dutch stemming on
PostgreSQL, snippets with marked words, kinds, pagination, hostile queries."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from website.library.factories import (
    LibraryIndexPageFactory,
    PublicationPageFactory,
    attach,
    make_document,
    pdf_bytes,
)
from website.pages.factories import StandardPageFactory
from website.search import views
from website.testing.cases import FIELD_CASES
from website.testing.utils import (
    assert_valid_html,
    card_titles,
    find_all,
    find_one,
    main_content,
    options,
    text,
)

pytestmark = [pytest.mark.database, pytest.mark.django_db]


@pytest.fixture
def library(home_page):
    return LibraryIndexPageFactory(parent=home_page)


def test_search_box_is_in_the_header_of_every_page(client, home_page):
    page = StandardPageFactory(parent=home_page)
    header = find_one(client.get(page.url), "header", "site-header")
    form = find_one(header, "form", role="search")
    assert form.get("action") == "/zoeken/"
    assert form.get("method") == "get"
    assert find_one(form, "input", name="q").get("type") == "search"


def test_results_show_kind_date_and_marked_snippet(client, library):
    PublicationPageFactory(
        parent=library,
        title="Verbeterpunten schuldhulpverlening",
        introduction="Een toenemende omvang van problematische schulden.",
        date=datetime.date(2015, 9, 21),
        kind="verbetervoorstellen",
    )
    response = client.get("/zoeken/", {"q": "schulden"})
    content = main_content(response)
    assert_valid_html(response.content.decode())
    assert card_titles(content) == ["Verbeterpunten schuldhulpverlening"]
    (result,) = find_all(content, "li", "search-result")
    # The kind of this publication, not only "publication" (that is in the kind filter).
    assert text(find_one(result, "p", "card__meta")) == "Verbetervoorstellen · 21 september 2015"
    assert find_one(result, "time").get("datetime") == "2015-09-21"
    snippet = find_one(result, "p", "search-result__snippet")
    assert [mark.text for mark in find_all(snippet, "mark")] == ["schulden"]


def test_text_inside_a_pdf_finds_the_publication_page(client, library):
    page = PublicationPageFactory(parent=library, title="Brief aan de Kamer", introduction="Brief.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = make_document(
            "brief.pdf", pdf_bytes("Voor- en naschoolse opvang voor ieder kind")
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        attach(page, document)
    content = main_content(client.get("/zoeken/", {"q": "naschoolse"}))
    assert card_titles(content) == ["Brief aan de Kamer"]
    (result,) = find_all(content, "li", "search-result")
    # The publication page, not only the file.
    assert find_one(result, "h2", "card__title")[0].get("href") == page.url


def test_filter_by_kind(client, home_page, library):
    StandardPageFactory(parent=home_page, title="Armoede in Nederland", introduction="Armoede.")
    PublicationPageFactory(parent=library, title="Armoedebrief", introduction="Over armoede.")
    content = main_content(client.get("/zoeken/", {"q": "armoede", "soort": "publicationpage"}))
    assert card_titles(content) == ["Armoedebrief"]


def test_the_kind_filter_names_kinds_as_visitors_do(client, home_page):
    """Proper Dutch plurals, no overview pages, no CMS words such as "Standaardpagina"."""
    labels = [label for _value, label, _selected in options(client.get("/zoeken/"), "soort")]
    assert labels == [
        "Alles",
        "Activiteiten",
        "Artikelen",
        "Boekbesprekingen",
        "Campagnes",
        "Formulieren",
        "Lokale initiatieven",
        "Nieuwsbrieven",
        "Overige pagina's",
        "Overleggen bewindspersoon",
        "Publicaties",
        "Thema's",
        "Verhalen",
    ]


def test_no_results_page_helps(client, home_page):
    content = main_content(client.get("/zoeken/", {"q": "xyzzyq"}))
    assert card_titles(content) == []
    (help_text,) = [d for d in find_all(content, "div", "prose") if find_all(d, "h2")]
    assert text(find_one(help_text, "h2")) == "Geen resultaten"
    assert "Controleer de spelling" in text(help_text)
    assert "0 resultaten" not in text(find_one(content, "main"))  # said once, not twice


def test_only_pages_about_a_date_show_one(client, home_page, library):
    StandardPageFactory(parent=home_page, title="Armoede in Nederland", introduction="Armoede.")
    PublicationPageFactory(
        parent=library,
        title="Armoedebrief",
        introduction="Armoede.",
        date=datetime.date(2016, 10, 1),
    )
    content = main_content(client.get("/zoeken/", {"q": "armoede"}))
    metas = {
        text(find_one(card, "h2")): text(find_one(card, "p", "card__meta"))
        for card in find_all(content, "li", "search-result")
    }
    assert metas["Armoede in Nederland"] == "Pagina"  # not the day it was published
    assert metas["Armoedebrief"].endswith("1 oktober 2016")


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        '"unbalanced',
        "schuld AND OR NOT",
        "a\x00b",
        "(((",
        "*",
        "-",
        "NEAR(",
        "' OR 1=1 --",
    ],
)
def test_hostile_queries_answer_without_error(client, home_page, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_pagination(client, home_page):
    for n in range(13):
        StandardPageFactory(parent=home_page, title=f"Voedselbank {n}", introduction="Voedselbank.")
    first = main_content(client.get("/zoeken/", {"q": "voedselbank"}))
    second = main_content(client.get("/zoeken/", {"q": "voedselbank", "pagina": 2}))
    assert len(card_titles(first)) == 10
    assert len(card_titles(second)) == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [("voedselbanken", "Voedselbank Groningen"), ("schulden", "Hulp bij schuld")],
)
def test_dutch_stemming(client, home_page, query, expected):
    StandardPageFactory(
        parent=home_page, title="Voedselbank Groningen", introduction="De voedselbank."
    )
    StandardPageFactory(parent=home_page, title="Hulp bij schuld", introduction="Over schuld.")
    StandardPageFactory(parent=home_page, title="Iets anders", introduction="Niets.")
    found = card_titles(main_content(client.get("/zoeken/", {"q": query})))
    # PostgreSQL stems Dutch itself; on SQLite the view retries with a simple stem.
    assert found == [expected]


def test_snippet_marks_words_without_breaking_entities(client, home_page):
    StandardPageFactory(parent=home_page, title="Tekenfilm", introduction='Tom & Jerry "quote" amp')
    content = main_content(client.get("/zoeken/", {"q": "amp"}))
    assert "&amp;<mark>" not in content
    snippet = find_one(content, "p", "search-result__snippet")
    assert [mark.text for mark in find_all(snippet, "mark")] == ["amp"]
    assert text(snippet) == 'Tom & Jerry "quote" amp'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("coöperatie", ["Sociale coöperaties"]),
        ("cooperatie", ["Sociale coöperaties"]),
        ("organisatie", ["Eén organisatie", "Organisaties van mensen in armoede"]),
        ("organisaties", ["Eén organisatie", "Organisaties van mensen in armoede"]),
        ("gemeente", ["Gemeentes en armoede"]),
        ("foto", ["Foto&#x27;s van de Alliantiedag"]),  # as the HTML has it
        # "-en" plurals whose spelling changes: PostgreSQL's stems differ ("gezinn").
        ("gezin", ["Gezinnen met schulden"]),
        ("schuld", ["Gezinnen met schulden"]),
        ("huizen", ["Een huis voor iedereen"]),
        ("kinderen", ["Ieder kind telt"]),
    ],
)
def test_singular_finds_plural_and_back(client, home_page, query, expected):
    """PostgreSQL's Dutch stemmer keeps "-s" plurals as they are; each word is searched as
    itself or its other number (search.backends). On both databases."""
    for title in [
        "Sociale coöperaties",
        "Organisaties van mensen in armoede",
        "Gemeentes en armoede",
        "Foto's van de Alliantiedag",
        "Gezinnen met schulden",
        "Een huis voor iedereen",
        "Ieder kind telt",
    ]:
        StandardPageFactory(parent=home_page, title=title, introduction="Een pagina.")
    StandardPageFactory(parent=home_page, title="Eén organisatie", introduction="Zo werkt het.")
    found = card_titles(main_content(client.get("/zoeken/", {"q": query})))
    assert sorted(found) == expected


def test_ligatures_and_wide_letters_match_plain_words(client, library):
    """Typeset PDFs carry "ﬁ" (one character); text pasted from them onto a page too. Both
    are found by "financieel", and a query typed with a ligature finds plain text."""
    page = PublicationPageFactory(parent=library, title="Plan", introduction="Een plan.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = make_document(
            "plan.pdf", (FIELD_CASES / "pdf-aes256-leeg-wachtwoord.pdf").read_bytes()
        )
        attach(page, document)
    StandardPageFactory(
        parent=home_page_of(library),
        title="Geplakt",
        introduction="Een o\ufb03cieel ﬁnancieel verslag.",
    )
    StandardPageFactory(
        parent=home_page_of(library), title="Breed", introduction="ｆｌｅｘｉｂｅｌ werk"
    )
    assert sorted(card_titles(main_content(client.get("/zoeken/", {"q": "financieel"})))) == [
        "Geplakt",
        "Plan",
    ]
    ligature_query = client.get("/zoeken/", {"q": "o\ufb03cieel"})
    assert sorted(card_titles(main_content(ligature_query))) == ["Geplakt", "Plan"]
    # The PDF says "ﬂexibele": PostgreSQL's stemmer finds it too, SQLite needs the word.
    assert "Breed" in card_titles(main_content(client.get("/zoeken/", {"q": "flexibel"})))


def home_page_of(page):
    return page.get_parent().specific


HOSTILE = ['"', 'a"b', "'", "(", "-", "a:b", "\\", "OR x", "NEAR(", "%"]
ADMIN_SEARCHES = [
    "/admin/documents/",
    "/admin/images/",
    "/admin/snippets/network/memberorganisation/",
    "/admin/pages/search/",
    "/admin/contactberichten/",
    "/admin/aanmeldingen/",
    "/admin/uitgaande-email/",
]


@pytest.mark.parametrize("url", ADMIN_SEARCHES)
def test_no_admin_search_gives_an_error(admin_client, home_page, url):
    """The embedded default (SQLite) is as safe as production: quotes, operators and a
    search on named fields (member organisations) answer 200."""
    from website.network.factories import MemberOrganisationFactory  # noqa: PLC0415

    MemberOrganisationFactory(name="Voedselbank Utrecht")
    for query in [*HOSTILE, "voedselbank", "\x00x", "ﬁ" * 300]:
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200, (url, query)
    if "memberorganisation" in url:
        found = admin_client.get(url, {"q": "voedselbank"}).content.decode()
        assert "Voedselbank Utrecht" in found


def test_a_search_of_hundreds_of_words_answers(admin_client, client, home_page):
    """The backends nest one expression per word; 500 words went past Python's recursion
    limit (a 500 in every admin search). Only the first words are used."""
    words = " ".join(f"woord{n}" for n in range(600))
    assert client.get("/zoeken/", {"q": words}).status_code == 200
    for url in ADMIN_SEARCHES:
        assert admin_client.get(url, {"q": words}).status_code == 200, url


def test_the_admin_document_search_finds_words_inside_files(admin_client, home_page):
    with TestCase.captureOnCommitCallbacks(execute=True):
        make_document("brief.pdf", pdf_bytes("Kwijtscheldingsregeling gemeente"), title="Brief")
    found = admin_client.get("/admin/documents/", {"q": "kwijtscheldingsregeling"})
    assert "Brief" in found.content.decode()


def test_a_search_that_finds_very_many_pages_asks_for_other_words(client, home_page, monkeypatch):
    monkeypatch.setattr(views, "MAX_RESULTS", 12)
    for n in range(15):
        StandardPageFactory(parent=home_page, title=f"Voedselbank {n}", introduction="Voedselbank.")
    first = main_content(client.get("/zoeken/", {"q": "voedselbank"}))
    second = main_content(client.get("/zoeken/", {"q": "voedselbank", "pagina": 2}))
    assert "Meer dan 12 resultaten. Met meer of andere woorden" in first
    assert len(card_titles(first)) == 10 and len(card_titles(second)) == 2


def test_the_kinds_are_named_in_the_visitors_language(client, seeded):
    """On a translated site the filter and each result say what a page is in that language
    (the names are the models' Dutch ones, which the admin keeps)."""
    with translation.override("en"):
        path = reverse("search")
    labels = [label for _value, label, _selected in options(client.get(path), "soort")]
    assert {"Publications", "Activities", "Other pages"} <= set(labels)
    assert "Publicaties" not in labels
    found = client.get(path, {"q": "schuldhulpverlening"})
    assert "Publicatie" not in text(find_one(found, "main")).replace("Publicaties", "")
