"""`manage.py import_joomla` against a real MariaDB holding an old Joomla 3 site.

The old site is made from the seed: the seeded publications and talks, written into Joomla's
tables the way years of Joomla editing leave them (Word's markup, empty paragraphs, plugin
tags, "Read more", a menu that reaches an article through several Itemids), with pictures
and PDFs in its `images/` folder, plus articles that are unpublished, trashed, for members
only or past their end date. The seeded pages are removed first; the import must make them
again: same titles, same text, in the same sections.
"""

import contextlib
import datetime
import io
import re
import shutil
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Page, Revision, Site
from wagtail.rich_text import expand_db_html

from website.agenda.models import EventDate, EventPage
from website.core.models import CustomDocument, CustomImage
from website.initiatives.models import InitiativePage
from website.joomla.models import ImportedItem
from website.library.models import LibraryIndexPage, PublicationPage, TalkPage
from website.pages.models import StandardPage
from website.testing.services import MariaDBDatabase
from website.testing.utils import find_all
from website.testing.utils import text as text_of

from .joomla_site import JoomlaSiteBuilder

FIELD_CASES = Path(__file__).resolve().parents[2] / "testing" / "field_cases"
PUBLICATIONS, NEWS = 8, 9
UNPUBLISHED, TRASHED, MEMBERS_ONLY, ENDED = 150, 151, 152, 153
SAME_ALIAS, LINKS_TO_DRAFT = 130, 131
TRASHED_CATEGORY, IN_TRASHED_CATEGORY = 10, 154
SCHEDULED, HIDDEN_CATEGORY, IN_HIDDEN_CATEGORY, SAME_NUMBER = 155, 11, 156, 120
INTRO_PICTURE = 157
MAPPING = """
[categories."publicaties"]
kind = "publications"
publication_kind = "brief"
"""

SPANDOEK = '<img src="/images/foto/spandoek.png" alt="Spandoek">'
WORD_START = (
    "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
    "<![endif]-->"
)


def word(html):
    """HTML as Word pastes it into Joomla's editor."""
    html = re.sub(
        r"<p>",
        '<p class="MsoNormal" style="margin-bottom:0cm;mso-line-height-rule:exactly">'
        '<span style="font-family:&quot;Calibri&quot;,sans-serif;mso-fareast-language:NL">',
        html,
    )
    html = html.replace("</p>", "</span><o:p></o:p></p>")
    return WORD_START + html + "<p>&nbsp;</p>\n{loadposition social}"


def body_html(page):
    parts = []
    for block in page.body:
        if block.block_type == "heading":
            parts.append(f"<h2>{block.value['text']}</h2>")
        elif block.block_type == "paragraph":
            parts.append(expand_db_html(block.value.source))
        else:
            parts.append(str(block.render()))
    return "".join(parts)


def words(page):
    """A page's title, introduction and body as one line of text."""
    html = body_html(page)
    body = BeautifulSoup(html, "html.parser").get_text(" ")
    return " ".join(f"{page.title} {page.introduction} {body}".split())


@pytest.fixture
def mariadb():
    database = MariaDBDatabase()
    connection = database.connect()
    yield database, connection
    connection.close()
    database.drop()


@pytest.fixture
def old_site(seeded, mariadb, tmp_path):
    """The Joomla site made from the seeded publications and talks (which are then removed),
    its `images/` folder, and what the seed had: {(section model, title): text}."""
    database, connection = mariadb
    joomla = JoomlaSiteBuilder(connection)
    joomla.user(42, "Redactie Sociale Alliantie")
    joomla.category(PUBLICATIONS, "Publicaties", "publicaties")
    joomla.category(NEWS, "Overleg met het kabinet", "overleg")
    joomla.menu_item(
        105,
        "Publicaties",
        "publicaties",
        f"index.php?option=com_content&view=category&layout=blog&id={PUBLICATIONS}",
    )
    joomla.menu_item(106, "Overleg", "over-ons/overleg",
                     f"index.php?option=com_content&view=category&id={NEWS}")  # fmt: skip

    images = tmp_path / "images"
    (images / "foto").mkdir(parents=True)
    (images / "documenten").mkdir()
    Image.new("RGB", (1200, 800), (180, 40, 40)).save(images / "foto" / "malieveld.jpg")
    Image.new("RGB", (800, 600), (40, 120, 40)).save(images / "foto" / "spandoek.png")
    shutil.copy(
        FIELD_CASES / "pdf-jaarverslag-kaartpagina.pdf",
        images / "documenten" / "Brief aan de Kamer.pdf",
    )

    expected = {}
    publications = list(PublicationPage.objects.live().order_by("path"))
    talks = list(TalkPage.objects.live().order_by("path"))
    for number, page in enumerate(publications, start=100):
        expected[number] = ("publication", page.title, words(page))
        fulltext = word(body_html(page))
        if number == 100:  # a picture and a PDF, and a link to the next article
            fulltext += (
                '<p><img src="images/foto/malieveld.jpg" alt="Actie op het Malieveld" '
                'width="600" height="400" style="float:left"></p>'
                '<p>Lees <a href="images/documenten/Brief%20aan%20de%20Kamer.pdf">de brief</a>. '
                '<a href="index.php?option=com_content&amp;view=article&amp;id=101:x&amp;'
                f'catid={PUBLICATIONS}&amp;Itemid=105">Meer</a>.</p>'
            )
        joomla.article(number, PUBLICATIONS, page.title, page.slug,
                       f"<p>{page.introduction}</p>", fulltext,
                       created=f"201{number % 7}-0{number % 9 + 1}-1{number % 9} 10:00:00",
                       images={"image_intro": "", "image_fulltext": "images/foto/malieveld.jpg",
                               "image_fulltext_alt": "Actie op het Malieveld"}
                       if number == 100 else None)  # fmt: skip
    for number, page in enumerate(talks, start=120):
        expected[number] = ("article", page.title, words(page))
        joomla.article(number, NEWS, page.title, page.slug,
                       word(f"<p>{page.introduction}</p>") + '<hr id="system-readmore">'
                       + word(body_html(page))
                       + f"<div><p>{SPANDOEK}</p></div>")  # fmt: skip
    joomla.category(TRASHED_CATEGORY, "Oud", "oud", published=-2)
    joomla.article(IN_TRASHED_CATEGORY, TRASHED_CATEGORY, "In de prullenbak", "prullenbak",
                   "<p>Weg met de categorie.</p>")  # fmt: skip
    joomla.menu_item(107, "Overleg", "overleg",
                     f"index.php?option=com_content&view=category&id={NEWS}")  # fmt: skip
    # Joomla's router without ids tells articles apart only by their category's alias.
    joomla.article(SAME_ALIAS, NEWS, "Dezelfde alias", publications[1].slug, "<p>Anders.</p>")
    joomla.article(UNPUBLISHED, NEWS, "Concept", "concept", "<p>Nog niet klaar.</p>", state=0)
    joomla.article(LINKS_TO_DRAFT, NEWS, "Zie concept", "zie-concept",
                   f'<p>Zie <a href="index.php?option=com_content&amp;view=article&amp;'
                   f'id={UNPUBLISHED}">het concept</a>.</p>')  # fmt: skip
    joomla.article(TRASHED, NEWS, "Weg", "weg", "<p>Weggegooid.</p>", state=-2)
    joomla.article(MEMBERS_ONLY, NEWS, "Leden", "leden", "<p>Alleen leden.</p>", access=2)
    joomla.article(ENDED, NEWS, "Verlopen", "verlopen", "<p>Oud.</p>",
                   publish_down="2016-01-01 00:00:00")  # fmt: skip
    for page in publications + talks:
        page.delete()
    mapping = tmp_path / "koppeling.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return {
        "url": database.url,
        "files": images,
        "mapping": mapping,
        "expected": expected,
        "joomla": joomla,
    }


def run(old_site, *extra):
    out = io.StringIO()
    call_command(
        "import_joomla", "--database", old_site["url"], "--files", str(old_site["files"]),
        "--mapping", str(old_site["mapping"]), *extra, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def stored_files():
    return sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def imported(number):
    return ImportedItem.objects.get(kind="article", joomla_id=number).page.specific


def test_a_dry_run_says_what_it_would_do_and_stores_nothing(old_site):
    pages, images, files = Page.objects.count(), CustomImage.objects.count(), stored_files()
    output = run(old_site, "--dry-run")
    assert "Proefrun" in output
    made = len(old_site["expected"]) + 5  # and three not public, SAME_ALIAS, LINKS_TO_DRAFT
    assert f"Nieuwe pagina's: {made}" in output
    assert f"({UNPUBLISHED}, {MEMBERS_ONLY}, {ENDED})" in output
    assert "Weggegooid in Joomla, niet overgenomen: 2" in output
    assert (Page.objects.count(), CustomImage.objects.count()) == (pages, images)
    assert not ImportedItem.objects.exists()
    assert stored_files() == files  # not a byte written
    assert f"({TRASHED}, {IN_TRASHED_CATEGORY})" in output
    assert f"artikel {LINKS_TO_DRAFT}: link naar artikel {UNPUBLISHED}" in output


def test_the_old_site_comes_back_as_the_seed_made_it_and_a_second_run_changes_nothing(
    old_site,
):
    output = run(old_site)
    made = len(old_site["expected"]) + 5  # and three not public, SAME_ALIAS, LINKS_TO_DRAFT
    assert f"Nieuwe pagina's: {made}" in output, output

    library = LibraryIndexPage.objects.get()
    for number, (kind, title, text) in old_site["expected"].items():
        page = imported(number)
        assert page.live and page.title == title
        extra = " Lees de brief . Meer ." if number == 100 else ""  # what the test added
        assert words(page) == text + extra, number
        if kind == "publication":
            assert page.get_parent().pk == library.pk and page.kind == "brief"
        stored = str(page.body.raw_data)
        assert not re.search(r"mso-|style=|class=|\{loadposition|<o:p>|&nbsp;", stored), number

    # The picture, the PDF and the link to another article.
    first = imported(100)
    assert first.image.file.read()[:3] == b"\xff\xd8\xff"
    assert first.image_alt == "Actie op het Malieveld"
    # Joomla showed it above the text; in the text too it would show twice.
    assert not [block for block in first.body if block.block_type == "image"]
    links = first.body.raw_data[-1]["value"]
    document = CustomDocument.objects.get(title="Brief aan de Kamer")
    assert f'<a id="{document.pk}" linktype="document">de brief</a>' in links
    assert f'<a id="{imported(101).pk}" linktype="page">Meer</a>' in links
    assert first.date.year == 2012 and first.first_published_at.year == 2012

    # A picture in the text, of its own: an image block with its description.
    (picture,) = [block for block in imported(120).body if block.block_type == "image"]
    assert picture.value["image"].contextual_alt_text == "Spandoek"

    # A link to an article visitors cannot see is left out, its words kept.
    assert "<p>Zie het concept.</p>" in str(imported(LINKS_TO_DRAFT).body.raw_data)

    # Not public on the old site: drafts here; trashed: nothing.
    for number in (UNPUBLISHED, MEMBERS_ONLY, ENDED):
        assert not imported(number).live
    assert not ImportedItem.objects.filter(joomla_id__in=[TRASHED, IN_TRASHED_CATEGORY]).exists()

    # A second run changes nothing.
    counts = (Page.objects.count(), Revision.objects.count(), CustomImage.objects.count())
    again = run(old_site)
    assert "Nieuwe pagina's: 0" in again and "Bijgewerkt: 0" in again
    assert f"Ongewijzigd: {made}" in again
    assert (Page.objects.count(), Revision.objects.count(), CustomImage.objects.count()) == counts
    # ...and still names the drafts and what the import could not do, once each.
    assert f"({UNPUBLISHED}, {MEMBERS_ONLY}, {ENDED})" in again
    problem = f"artikel {LINKS_TO_DRAFT}: link naar artikel {UNPUBLISHED}"
    assert output.count(problem) == again.count(problem) == 1
    assert again.count("Probleem bij") == output.count("Probleem bij")


def test_a_later_run_updates_what_editors_left_and_names_what_they_changed(
    old_site, mariadb, client
):
    run(old_site)
    _database, connection = mariadb
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jos7k_content SET title = CONCAT(title, ' (bijgewerkt)') WHERE id IN (101, 102)"
        )
    edited = imported(102)
    edited.title = "Door de redactie verbeterd"
    edited.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE jos7k_content SET state = -2 WHERE id = 103")
    trashed_later = imported(103)

    output = run(old_site)
    assert imported(101).title.endswith("(bijgewerkt)")
    trashed_later.refresh_from_db()
    assert not trashed_later.live
    assert client.get("/index.php?option=com_content&view=article&id=103").status_code == 404
    assert imported(102).title == "Door de redactie verbeterd"
    assert "sinds de vorige import in Wagtail bewerkt: (102)" in output


OLD_ADDRESSES = [
    "/index.php?option=com_content&view=article&id=101:{alias}&catid=8&Itemid=105",
    "/index.php?option=com_content&view=article&id=101&catid=3&Itemid=999&lang=nl",
    "/index.php?option=com_content&view=article&id=101:{alias}&tmpl=component&print=1",
    "/?option=com_content&view=article&id=101",
    "/publicaties/101-{alias}",
    "/publicaties/101-{alias}.html",
    "/index.php/publicaties/101-{alias}",
    "/index.php/publicaties/101-{alias}.html?tmpl=component&print=1",
    "/publicaties/{alias}",
    "/component/content/article/101-{alias}?catid=8&Itemid=105",
    "/component/content/article?id=101",
    "/index.php/component/content/article?id=101:{alias}&Itemid=105",
    "/nieuws/archief/101-{alias}.html",
]


def test_every_old_address_answers_301_to_its_page_or_file_and_what_is_gone_404(old_site, client):
    run(old_site)
    page = imported(101)
    for shape in OLD_ADDRESSES:
        address = shape.format(alias=page.slug)
        answer = client.get(address)
        assert (answer.status_code, answer.get("Location")) == (301, page.url), address

    library = LibraryIndexPage.objects.get()
    for address in (
        "/publicaties",
        "/index.php/publicaties.html",
        "/index.php?option=com_content&view=category&layout=blog&id=8&Itemid=105",
    ):
        assert client.get(address).get("Location") == library.url, address  # fmt: skip
    overleg = imported(120).get_parent()
    assert client.get("/over-ons/overleg").get("Location") == overleg.url
    assert client.get("/index.php?Itemid=106").get("Location") == overleg.url
    assert client.get("/index.php?Itemid=105").get("Location") == library.url
    assert client.get("/index.php?Itemid=999").status_code == 404
    assert client.get("/?Itemid=105&lang=nl").get("Location") == library.url
    assert client.get("/?Itemid=999").status_code == 404
    assert client.get("/?utm_source=nieuwsbrief").status_code == 200  # the home page
    other = imported(SAME_ALIAS)
    for address in (f"/over-ons/overleg/{page.slug}", f"/index.php/overleg/{page.slug}.html"):
        assert client.get(address).get("Location") == other.url, address

    document = CustomDocument.objects.get(title="Brief aan de Kamer")
    answer = client.get("/images/documenten/Brief%20aan%20de%20Kamer.pdf")
    assert (answer.status_code, answer["Location"]) == (301, document.url)
    picture = client.get("/images/foto/malieveld.jpg")
    assert picture.status_code == 301 and picture["Location"].endswith(".jpg")

    # Gone: a 404 at once (not first a 301 to the address with a slash), never another page.
    for number in (UNPUBLISHED, TRASHED, MEMBERS_ONLY, ENDED, 999):
        for address in (
            f"/index.php?option=com_content&view=article&id={number}",
            f"/publicaties/{number}-iets",
            f"/index.php/overleg/{number}-x.html",
            f"/?option=com_content&view=article&id={number}&Itemid=105",
            f"/component/content/article?id={number}",
        ):
            assert client.get(address).status_code == 404, address
    for address in ("/over-ons/overleg/concept", "/overleg/leden", "/publicaties/12-weg/"):
        assert client.get(address).status_code == 404, address
    assert client.get("/images/foto/bestaat-niet.jpg").status_code == 404
    # A new page whose address looks like an old one is still found without its slash.
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=StandardPage(title="Begroting 2024", slug="2024-begroting"))
    assert client.get("/2024-begroting")["Location"] == "/2024-begroting/"
    # A page that kept its old path is found with Joomla's decoration too.
    for address in ("/index.php/contact", "/contact.html", "/index.php/overleg.html"):
        assert client.get(address)["Location"] in ("/contact/", "/overleg/"), address
    assert client.get("/index.php/bestaat-niet.html").status_code == 404
    # So is a page's route and another view whose last part is a number.
    for address in ("/agenda/archief/2014", "/admin/pages/5"):
        assert client.get(address)["Location"] == address + "/", address

    # A section that lives at its old menu address: no redirect to itself, and an unknown
    # address below it is a 404, not a loop.
    assert overleg.url == "/overleg/"
    assert not Redirect.objects.filter(old_path="/overleg").exists()
    answer = client.get("/overleg/bestaat-niet", follow=True)
    assert answer.status_code == 404 and len(answer.redirect_chain) <= 1

    # Editors see the menu's addresses among Wagtail's redirects.
    assert Redirect.objects.filter(old_path=f"/publicaties/101-{page.slug}").exists()


def test_files_no_article_links_to_keep_their_old_address(old_site, client):
    """Member sites and old newsletters link to PDFs in images/ directly: every file there
    comes along, what no article used in a collection of its own; Joomla's index.html files,
    hidden files and what is not a readable picture do not."""
    files = old_site["files"]
    (files / "archief").mkdir()
    (files / "headers").mkdir()
    shutil.copy(
        FIELD_CASES / "pdf-jaarverslag-kaartpagina.pdf", files / "archief" / "Jaarverslag 2014.pdf"
    )
    shutil.copy(FIELD_CASES / "docx-word-online-document2.docx", files / "archief" / "notulen.DOCX")
    Image.new("RGB", (1600, 400), (20, 20, 120)).save(files / "headers" / "banner.jpg")
    for name in ("index.html", "archief/index.html", ".htaccess", "archief/.DS_Store"):
        (files / name).write_text("<html><body></body></html>", encoding="utf-8")
    (files / "kapot.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (files / "geen-plaatje.png").write_text("Dit is tekst.", encoding="utf-8")
    (files / "headers" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>',
        encoding="utf-8",
    )

    output = run(old_site)
    assert "waarvan in geen artikel gebruikt: 4" in output, output
    assert "images/kapot.jpg is geen bestand dat te lezen is" in output
    assert "images/geen-plaatje.png is geen bestand dat te lezen is" in output
    unlinked = Collection.objects.get(name="Oude site: in geen artikel gebruikt")
    report = CustomDocument.objects.get(title="Jaarverslag 2014")
    assert report.collection == unlinked
    assert CustomImage.objects.get(title__iexact="banner").collection == unlinked
    assert CustomDocument.objects.get(title="Brief aan de Kamer").collection != unlinked

    answer = client.get("/images/archief/Jaarverslag%202014.pdf")
    assert (answer.status_code, answer["Location"]) == (301, report.url)
    assert client.get("/images/archief/notulen.DOCX").status_code == 301
    assert client.get("/images/headers/banner.jpg")["Location"].endswith(".jpg")
    assert client.get("/images/headers/logo.svg").status_code == 301
    for gone in ("/images/index.html", "/images/archief/index.html", "/images/kapot.jpg"):
        assert client.get(gone).status_code == 404, gone

    counts = (CustomDocument.objects.count(), CustomImage.objects.count())
    again = run(old_site)
    assert "Bestanden: 0" in again and "waarvan" not in again
    assert (CustomDocument.objects.count(), CustomImage.objects.count()) == counts


def test_what_cannot_be_read_is_said_plainly(old_site, tmp_path):
    bad = tmp_path / "fout.toml"
    bad.write_text('[categories."publicaties"]\nkind = "recepten"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Onbekende soort 'recepten'"):
        call_command("import_joomla", "--database", old_site["url"], "--mapping", str(bad),
                     "--files", str(old_site["files"]))  # fmt: skip
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command("import_joomla", "--database", "mysql://root@127.0.0.1:1/joomla",
                     "--files", str(old_site["files"]))  # fmt: skip
    with pytest.raises(CommandError, match="Geen Joomla-tabellen met voorvoegsel 'jos7k'"):
        call_command("import_joomla", "--database", old_site["url"], "--prefix", "jos7k",
                     "--files", str(old_site["files"]))  # fmt: skip
    with pytest.raises(CommandError, match="De map '/bestaat/niet' bestaat niet"):
        call_command("import_joomla", "--database", old_site["url"], "--files", "/bestaat/niet")
    with pytest.raises(CommandError, match="Geen database-adres"):
        call_command("import_joomla", "--database", "joomla.sql", "--files", str(tmp_path))


def test_pictures_and_files_added_to_the_folder_later_come_with_the_next_run(old_site, tmp_path):
    complete = old_site["files"]
    empty = tmp_path / "leeg" / "images"
    empty.mkdir(parents=True)
    first = run({**old_site, "files": empty})
    assert "afbeelding ontbreekt: images/foto/malieveld.jpg" in first
    assert imported(100).image is None

    again = run({**old_site, "files": complete})
    assert "Bijgewerkt: 3" in again  # the three articles with pictures or files
    assert imported(100).image is not None
    assert CustomDocument.objects.filter(title="Brief aan de Kamer").exists()


def test_events_and_initiatives_take_their_day_and_municipality_from_the_words(old_site):
    joomla = old_site["joomla"]
    joomla.category(20, "Agenda", "agenda")
    joomla.category(21, "Lokaal", "lokaal")
    joomla.article(
        200,
        20,
        "Alliantiedag in Beilen",
        "alliantiedag-beilen",
        "<p>Op vrijdag 10 okt. 2014 komen we samen in Dorpshuis De Brink.</p>",
    )
    joomla.article(
        201, 20, "Open dag", "open-dag", "<p>Iedereen is welkom.</p>", created="2016-05-01 09:00:00"
    )
    joomla.article(
        210,
        21,
        "Buurtkamer De Brink",
        "buurtkamer",
        "<p>Elke dinsdag helpen vrijwilligers in Den Haag met brieven.</p>",
    )
    joomla.article(211, 21, "Ons initiatief", "ons-initiatief", "<p>Een plek om te praten.</p>")
    old_site["mapping"].write_text(
        MAPPING + '[categories."agenda"]\nkind = "events"\nevent_kind = "alliantiedag"\n'
        '[categories."lokaal"]\nkind = "initiatives"\n',
        encoding="utf-8",
    )  # fmt: skip
    output = run(old_site)
    event = imported(200)
    assert isinstance(event, EventPage) and event.kind == "alliantiedag" and event.live
    assert [d.start_date for d in event.dates.all()] == [datetime.date(2014, 10, 10)]
    assert [d.start_date for d in imported(201).dates.all()] == [datetime.date(2016, 5, 1)]
    assert "artikel 201: geen datum in de tekst: 01-05-2016 (publicatie) gebruikt" in output
    initiative = imported(210)
    assert isinstance(initiative, InitiativePage)
    assert (initiative.municipality, initiative.province) == ("GM0518", "zuid-holland")
    assert not ImportedItem.objects.filter(kind="article", joomla_id=211).exists()
    assert "artikel 211: geen gemeente gevonden" in output

    run(old_site)  # a second run: the same date, once
    assert EventDate.objects.filter(page=event).count() == 1


@contextlib.contextmanager
def cutting_proxy(target_port, cut_when):
    """A TCP proxy on a free port to MariaDB that closes both sides as soon as the client
    sends bytes containing `cut_when` (a real connection lost mid-query, as when the old
    server restarts). Yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def pipe(source, sink, watch):
        try:
            while not stop.is_set() and (data := source.recv(65536)):
                if watch and cut_when in data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def serve():
        with contextlib.suppress(OSError):
            while not stop.is_set():
                client, _address = listener.accept()
                server = socket.create_connection(("127.0.0.1", target_port))
                threading.Thread(target=pipe, args=(client, server, True), daemon=True).start()
                threading.Thread(target=pipe, args=(server, client, False), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def test_the_old_database_going_away_mid_import_stores_nothing_and_says_so(old_site):
    pages, items = Page.objects.count(), ImportedItem.objects.count()
    url = urlsplit(old_site["url"])
    with cutting_proxy(url.port or 3306, cut_when=b"_content") as port:
        user = url.netloc.rpartition("@")[0]
        netloc = f"{user}@127.0.0.1:{port}" if user else f"127.0.0.1:{port}"
        broken = old_site | {"url": url._replace(netloc=netloc).geturl()}
        with pytest.raises(CommandError) as failure:
            run(broken)
    assert "De verbinding met de Joomla-database viel weg" in str(failure.value)
    assert "Er is niets opgeslagen" in str(failure.value)
    assert (Page.objects.count(), ImportedItem.objects.count()) == (pages, items)
    run(old_site)  # once it is back, the import runs as ever
    assert imported(101).live


def test_what_joomla_showed_later_or_hid_with_its_category_stays_hidden_and_numbers_are_exact(
    old_site, client
):
    """Found on Joomla's own sample sites: an article whose start date is to come is
    published then, not now; a section made of an unpublished category is a draft; an old
    address with a category's number and alias leads to that category even when an article
    has the same number; `/index.php` and the home menu item lead home; component addresses
    without a view in the path answer (they gave a 500)."""
    joomla = old_site["joomla"]
    joomla.article(SCHEDULED, NEWS, "Straks", "straks", "<p>Vanaf 2099.</p>",
                   publish_up="2099-01-01 08:00:00")  # fmt: skip
    joomla.category(HIDDEN_CATEGORY, "Telers", "telers", published=0)
    joomla.article(IN_HIDDEN_CATEGORY, HIDDEN_CATEGORY, "Boomgaard", "boomgaard", "<p>Appels.</p>")
    joomla.category(SAME_NUMBER, "Kalender", "kalender")  # article 120 exists too
    joomla.menu_item(108, "Home", "home", "index.php?option=com_content&view=featured", home=True)
    joomla.article(INTRO_PICTURE, NEWS, "Met foto", "met-foto",
                   '<p>Kort.</p><p><img src="images/foto/spandoek.png" alt="Vol zaaltje"></p>',
                   '<p>De rest, zie <a href="index.php?Itemid=105">de lijst</a> en '
                   '<a href="index.php/publicaties">nog eens</a>.</p>')  # fmt: skip
    output = run(old_site)

    # A picture in the intro, which becomes plain text, goes to the top of the body.
    with_picture = imported(INTRO_PICTURE)
    assert with_picture.introduction == "Kort."
    (picture,) = [block for block in with_picture.body if block.block_type == "image"]
    assert picture.value["image"].contextual_alt_text == "Vol zaaltje"
    # Its links to other old addresses are made from the root, where they are answered.
    library = LibraryIndexPage.objects.get()
    links = [
        a
        for a in find_all(client.get(with_picture.url), "a")
        if text_of(a) in ("de lijst", "nog eens")
    ]
    assert [a.get("href") for a in links] == ["/index.php?Itemid=105", "/index.php/publicaties"]
    for link in links:
        assert client.get(link.get("href")).get("Location") == library.url, link.get("href")

    later = imported(SCHEDULED)
    assert not later.live and later.go_live_at.year == 2099  # Wagtail publishes it then
    assert str(SCHEDULED) in output.split("Niet openbaar (concept):")[1].splitlines()[0]
    assert (
        client.get(f"/index.php?option=com_content&view=article&id={SCHEDULED}").status_code == 404
    )

    hidden = ImportedItem.objects.get(kind="category", joomla_id=HIDDEN_CATEGORY).page
    assert not hidden.live and client.get(hidden.url).status_code == 404
    assert not imported(IN_HIDDEN_CATEGORY).live

    calendar = ImportedItem.objects.get(kind="category", joomla_id=SAME_NUMBER).page
    talk = imported(120)
    for address, target in (
        (f"/component/content/category/{SAME_NUMBER}-kalender", calendar.url),
        (f"/oud/menu/{SAME_NUMBER}-kalender", calendar.url),
        (f"/oud/menu/{SAME_NUMBER}-{talk.slug}", talk.url),
        (f"/index.php/component/content/?view=article&id={SAME_NUMBER}", talk.url),
        (f"/component/content?view=category&id={SAME_NUMBER}", calendar.url),
        ("/index.php", "/"),
        ("/index.php/", "/"),
        ("/index.php?Itemid=108", "/"),
    ):
        answer = client.get(address)
        assert (answer.status_code, answer.get("Location")) == (301, target), address
    assert client.get("/component/content/?view=article&id=999").status_code == 404
    assert client.get("/index.php/component/content/").status_code == 404


def test_a_mapping_naming_a_category_that_is_not_there_is_said(old_site, tmp_path):
    mapping = tmp_path / "tikfout.toml"
    mapping.write_text(MAPPING + '\n[categories."publicatis"]\nkind = "publications"\n')
    output = run(old_site | {"mapping": mapping}, "--dry-run")
    assert "Probleem bij site: het koppelbestand noemt categorie 'publicatis', die er niet is" in (
        output
    )
