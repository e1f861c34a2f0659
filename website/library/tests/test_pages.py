"""Library, publication, campaign and talks pages; filters; feeds; extraction into search."""

import datetime
import io

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.core.factories import ImageFactory
from website.library.factories import (
    CampaignPageFactory,
    PublicationPageFactory,
    attach,
    docx_bytes,
    make_document,
    pdf_bytes,
)
from website.library.models import PublicationPage, TalkPage, TalksIndexPage
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


def test_library_lists_newest_first_with_filters_in_the_url(client, library):
    campaign = CampaignPageFactory(
        parent=library, title="Najaarsactie 2016", slug="najaarsactie-2016"
    )
    PublicationPageFactory(
        parent=library, title="Oud", date=datetime.date(2013, 11, 28), kind="reactie"
    )
    PublicationPageFactory(
        parent=library,
        title="Nieuw",
        date=datetime.date(2016, 10, 1),
        kind="kamerbrief",
        campaign=campaign,
    )
    PublicationPageFactory(
        parent=library, title="Midden", date=datetime.date(2015, 9, 21), kind="verbetervoorstellen"
    )

    response = client.get(library.url)
    assert_valid_html(response.content.decode())
    assert card_titles(main_content(response)) == ["Nieuw", "Midden", "Oud"]
    assert card_titles(main_content(client.get(library.url, {"soort": "reactie"}))) == ["Oud"]
    assert card_titles(main_content(client.get(library.url, {"jaar": "2015"}))) == ["Midden"]
    by_campaign = main_content(client.get(library.url, {"campagne": "najaarsactie-2016"}))
    assert card_titles(by_campaign) == ["Nieuw"]
    assert selected(by_campaign, "campagne") == ["najaarsactie-2016"]
    hostile = client.get(library.url, {"soort": "<x>", "jaar": "99999", "campagne": "'"})
    assert hostile.status_code == 200
    assert len(card_titles(main_content(hostile))) == 3


def test_library_filters_by_theme(client, library, home_page):
    themes = ThemesIndexPageFactory(parent=home_page)
    debts = ThemePageFactory(parent=themes, title="Schulden", slug="schulden")
    ThemePageFactory(parent=themes, title="Werkende armen", slug="werkende-armen")
    tag(PublicationPageFactory(parent=library, title="Over schulden"), debts)
    PublicationPageFactory(parent=library, title="Over iets anders")

    response = client.get(library.url, {"thema": "schulden"})
    content = main_content(response)
    assert card_titles(content) == ["Over schulden"]
    choices = options(content, "thema")
    assert ("schulden", "Schulden", True) in choices
    assert ("werkende-armen", "Werkende armen", False) in choices
    assert selected(content, "thema") == ["schulden"]
    assert "Wis de keuze" in content
    for hostile in ("<script>", "\x00", "x" * 5000):
        response = client.get(library.url, {"thema": hostile})
        assert response.status_code == 200
        assert len(card_titles(main_content(response))) == 2
    unknown = client.get(library.url, {"thema": "bestaat-niet"})
    assert len(card_titles(main_content(unknown))) == 2
    assert "Wis de keuze" not in main_content(unknown)


def test_pagination(client, library):
    for day in range(1, 24):
        PublicationPageFactory(parent=library, date=datetime.date(2015, 1, day))
    assert len(card_titles(main_content(client.get(library.url)))) == 20
    assert len(card_titles(main_content(client.get(library.url, {"pagina": 2})))) == 3


def test_library_query_count_is_flat(client, library):
    def count():
        client.get(library.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(library.url)
        return len(queries)

    for _ in range(2):
        attach(PublicationPageFactory(parent=library), make_document("a.pdf", pdf_bytes("a")))
    PublicationPageFactory(parent=library, image=ImageFactory(), image_alt="Voorkant")
    few = count()
    campaign = CampaignPageFactory(parent=library)
    for _ in range(12):
        page = PublicationPageFactory(
            parent=library, campaign=campaign, image=ImageFactory(), image_alt="Voorkant"
        )
        attach(page, make_document("b.pdf", pdf_bytes("b")))
    assert count() == few  # covers included: their renditions come in one query


def test_publication_shows_files_with_type_and_size(client, library):
    page = PublicationPageFactory(
        parent=library, title="Brief aan de Kamer", addressee="Vaste Kamercommissie SZW"
    )
    attach(page, make_document("brief.pdf", pdf_bytes("Een leefbaar inkomen"), title="De brief"))
    content = main_content(client.get(page.url))
    (link,) = find_all(find_one(content, "ul", "downloads"), "a")
    assert link.get("download") is not None
    assert link.text.strip() == "De brief"
    meta = text(find_one(link, "span", "download__meta"))
    assert meta.startswith("(PDF, ")
    assert meta.endswith(")")
    assert "Vaste Kamercommissie SZW" in content


def test_a_publication_has_a_cover_above_its_download_and_when_shared(client, library):
    cover = ImageFactory(file__width=800, file__height=1100)
    page = PublicationPageFactory(
        parent=library, title="Armoedemonitor", image=cover, image_alt="Voorkant van het rapport"
    )
    attach(page, make_document("monitor.pdf", pdf_bytes("Armoede in cijfers")))
    response = client.get(page.url)
    html, content = response.content.decode(), main_content(response)
    (figure,) = find_all(content, "figure")
    assert find_one(figure, "img").get("alt") == "Voorkant van het rapport"
    assert content.index("<figure") < content.index("downloads-title")
    assert 'property="og:image"' in html

    # On the list, small beside the card's text: one WebP, its size set, no alt text of
    # its own (the title beside it says what it is).
    card = find_one(main_content(client.get(library.url)), "li", "card--with-cover")
    thumbnail = find_one(card, "img", "card__cover")
    assert thumbnail.get("alt") == ""
    assert thumbnail.get("src").endswith(".webp")
    assert (thumbnail.get("width"), thumbnail.get("height")) == ("160", "220")
    assert thumbnail.get("loading") == "lazy"


def test_publication_without_file_says_it_follows(client, library):
    page = PublicationPageFactory(parent=library, file_pending_note="Een verslag volgt later.")
    content = main_content(client.get(page.url))
    assert text(find_one(content, "p", "notice")) == "Een verslag volgt later."
    assert find_all(content, "ul", "downloads") == []
    assert [a for a in find_all(content, "a") if a.get("download") is not None] == []


def test_campaign_timeline_shows_publications_talks_and_events(client, library, home_page):
    campaign = CampaignPageFactory(parent=library, title="Najaarsactie 2016")
    PublicationPageFactory(
        parent=library, title="Kamerbrief 2016", campaign=campaign, date=datetime.date(2016, 10, 1)
    )
    agenda = AgendaIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Actiedag", campaign=campaign)
    add_date(event, days=0, start_date=datetime.date(2016, 9, 15))
    content = main_content(client.get(campaign.url))
    assert content.index("Actiedag") < content.index("Kamerbrief 2016")


def test_feeds_parse(client, library):
    newest = PublicationPageFactory(
        parent=library, title="Brief 2016", date=datetime.date(2016, 10, 1)
    )
    older = PublicationPageFactory(
        parent=library, title="Brief 2015", date=datetime.date(2015, 9, 21)
    )
    for path in ("feed/rss/", "feed/atom/"):
        feed = feedparser.parse(client.get(library.url + path).content)
        assert not feed.bozo, feed.bozo_exception
        assert [entry.title for entry in feed.entries] == ["Brief 2016", "Brief 2015"]
        assert [entry.link for entry in feed.entries] == [
            f"http://testserver{newest.url}",
            f"http://testserver{older.url}",
        ]


@pytest.mark.indexing  # searches
def test_uploaded_file_text_becomes_findable_through_its_publication(client, library):
    page = PublicationPageFactory(
        parent=library, title="Verbeterpunten", introduction="Voorstellen."
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = make_document("voorstel.docx", docx_bytes("Problematische schulden nemen toe"))
    document.refresh_from_db()
    assert "Problematische schulden" in document.extracted_text
    with TestCase.captureOnCommitCallbacks(execute=True):
        attach(page, document)
    results = list(PublicationPage.objects.live().descendant_of(library).search("problematische"))
    assert [result.title for result in results] == ["Verbeterpunten"]


def test_seed_imports_every_document_talk_and_manifesto(seeded, client):
    titles_in_db = set(PublicationPage.objects.values_list("title", flat=True))
    for expected in [
        "Brief Sociale Alliantie aan Kamer over knelpunten armoedebeleid",
        "Verbeterpunten schuldhulpverlening",
        "Projectplan 2015-2017: De kracht van verbinden en versterken",
        "Aanpak 2015 - Werkprogramma van de Sociale Alliantie",
        "Reactie op concept NHP 2014",
        "Reactie op Maatregelen WWB",
    ]:
        assert expected in titles_in_db
    assert PublicationPage.objects.filter(kind="manifest").count() == 5
    letter = PublicationPage.objects.get(title__startswith="Brief Sociale Alliantie")
    assert letter.campaign.title == "Najaarsactie 2016"
    lists = [block.value["items"] for block in letter.body if block.block_type == "list"]
    assert [list(items) for items in lists] == [
        [
            "Een leefbaar inkomen",
            "Effectiever én socialer schuldenbeleid",
            "Integraal armoedebeleid",
            "Voor- en naschoolse opvang voor ieder kind",
            "Werkende armen",
        ]
    ]
    assert PublicationPage.objects.get(
        title="Verbeterpunten schuldhulpverlening"
    ).date == datetime.date(2015, 9, 21)
    talks = list(TalkPage.objects.order_by("-date"))
    assert [t.date.isoformat() for t in talks] == ["2015-02-24", "2014-06-17"]
    assert talks[0].report
    assert not talks[0].proposal_letter
    assert talks[1].proposal_letter
    assert talks[1].report_pending_note == "Een verslag volgt later."
    # "Klik hier …" led to downloads the seed does not have: never an instruction to click
    # nothing, on a line of its own or at the end of a paragraph.
    for publication in PublicationPage.objects.live():
        assert "Klik hier" not in main_content(client.get(publication.url)), publication.title
    # The seed does not name the manifestos: they wait as drafts, out of lists, search and
    # "Wie zijn wij?", until editors complete them.
    manifests = PublicationPage.objects.filter(kind="manifest")
    assert not manifests.filter(live=True).exists()
    assert client.get(manifests.first().url).status_code == 404
    about = main_content(client.get("/wie-zijn-wij/"))
    assert "vijftal manifesten" not in about
    assert "Manifest 1" not in main_content(client.get("/zoeken/?q=manifest"))
    manifests.filter(title="Manifest 2 van 5").first().save_revision().publish()
    about = main_content(client.get("/wie-zijn-wij/"))
    assert "is uitgewerkt in een vijftal manifesten:" in about
    assert 'href="/documenten/manifest-2-van-5/"' in about

    before = PublicationPage.objects.count()
    call_command("load_seed", stdout=io.StringIO())
    assert PublicationPage.objects.count() == before


def test_private_publications_stay_out_of_listing_feeds_and_timeline(client, library):
    campaign = CampaignPageFactory(parent=library, title="Actie")
    private = PublicationPageFactory(parent=library, title="Intern stuk", campaign=campaign)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert "Intern stuk" not in client.get(library.url).content.decode()
    assert b"Intern stuk" not in client.get(library.url + "feed/rss/").content
    assert "Intern stuk" not in client.get(campaign.url).content.decode()


def test_a_draft_report_is_not_linked(client, library):
    talks = TalksIndexPage(title="Overleg", slug="overleg")
    library.add_child(instance=talks)
    report = PublicationPageFactory(parent=library, title="Concept verslag", live=False)
    talk = TalkPage(
        title="Overleg 2015",
        slug="overleg-2015",
        date=datetime.date(2015, 2, 24),
        minister="Jetta Klijnsma",
        report=report,
        report_pending_note="Een verslag volgt later.",
    )
    talks.add_child(instance=talk)
    content = main_content(client.get(talk.url))
    assert "Concept verslag" not in content
    assert "Een verslag volgt later." in content


@pytest.mark.indexing  # searches
def test_deleting_a_file_makes_its_words_unfindable(client, library):
    page = PublicationPageFactory(parent=library, title="Brief", introduction="Brief.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = make_document("a.docx", docx_bytes("Kinderopvang"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        attach(page, document)
    assert list(PublicationPage.objects.live().search("kinderopvang"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        document.delete()
    assert not list(PublicationPage.objects.live().search("kinderopvang"))


def test_files_in_a_private_collection_are_not_searchable(client, library):
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    page = PublicationPageFactory(parent=library, title="Openbare brief", introduction="Brief.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = make_document("geheim.docx", docx_bytes("Geheimewoorden"))
        document.collection = private
        document.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        attach(page, document)
    assert not list(PublicationPage.objects.live().search("geheimewoorden"))
    assert "Geheimewoorden" not in client.get("/zoeken/", {"q": "geheimewoorden"}).content.decode()


def test_a_report_and_a_letter_are_kinds_of_their_own(client, library):
    """The editors' guide says "bijvoorbeeld brief of rapport": both can be chosen."""
    for kind, label in (("rapport", "Rapport"), ("brief", "Brief")):
        page = PublicationPageFactory(parent=library, title=f"Een {kind}", kind=kind)
        assert label in main_content(client.get(page.url))
