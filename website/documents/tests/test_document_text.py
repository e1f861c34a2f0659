"""The text search indexes is the text a reader sees: every field case (files shaped like
real uploads from public bug reports, in field_cases/) with its right value, each kind of
Word and OpenDocument construct that must be left out or kept, and the editor's view."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import migrations

from website.core.models import CustomDocument
from website.documents.apps import read_again_after_reader_change
from website.documents.files import read_text, validate_document_file
from website.library.factories import (
    docx_bytes,
    locked_pdf_bytes,
    make_document,
    odt_bytes,
    pdf_bytes,
    pdf_bytes_pages,
    pdf_form_bytes,
    xlsx_bytes,
)
from website.testing.cases import FIELD_CASES, LIBREOFFICE

MAP_PAGE_SKIPPED = "map page"
MAP_PAGE_REASONS = (
    "Overgeslagen: pagina 2 (het lezen duurde te lang).",
    "Overgeslagen: pagina 2 (te ingewikkeld om te lezen, bijvoorbeeld een gedetailleerde kaart).",
)


@pytest.fixture(autouse=True)
def _quick_page_limit(settings):
    # The map page takes pypdf about 6 s before it gives up; a test need not wait that long
    # (1.5 s: an ordinary page takes milliseconds, also on a machine busy with other tests;
    # opening the file is not timed).
    settings.DOCUMENT_TEXT_PAGE_SECONDS = 1.5


def document_text(path):
    """(exit status, stdout, stderr) of `manage.py document_text path`."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("document_text", str(path), stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "name, text, skipped",
    [
        # AES-256 with an empty open password; ligatures "ﬁ"/"ﬂ" read as plain letters.
        (
            "pdf-aes256-leeg-wachtwoord.pdf",
            "Het officieel financieel plan voor flexibele schuldhulp.",
            "",
        ),
        # The map page is skipped; the pages before and after it are read. Which limit it
        # meets first, time or memory, depends on the machine: either is told.
        (
            "pdf-jaarverslag-kaartpagina.pdf",
            "Jaarverslag armoedebestrijding Kwakkelstad voorwoord "
            "Hoofdstuk twee: kwijtschelding en bijzondere bijstand",
            MAP_PAGE_SKIPPED,
        ),
        # No tracked deletion, no field instructions; the table of contents as it shows
        # (entry and page number), and the footnote.
        (
            "docx-wijziging-veldcode-voetnoot.docx",
            "Inhoud Hoofdstuk Toeslagen3 De toeslagenaffaire raakte veel gezinnen. "
            "Voetnootbron Parlementairondervraging",
            "",
        ),
        (
            "docx-word-online-document2.docx",
            "Kwijtscheldingsregeling gemeentelijke belastingen",
            "",
        ),
    ],
)
def test_every_field_case_gives_the_readers_text(name, text, skipped):
    status, out, err = document_text(FIELD_CASES / name)
    assert (status, out.strip()) == (0, text)
    if skipped == MAP_PAGE_SKIPPED:
        assert err.strip() in MAP_PAGE_REASONS
    else:
        assert err.strip() == skipped


def test_a_pdf_that_needs_a_password_is_refused_with_what_to_do(tmp_path):
    locked = tmp_path / "rapport.pdf"
    locked.write_bytes(locked_pdf_bytes("Armoedemonitor"))
    with pytest.raises(ValidationError, match="wachtwoord nodig om te openen"):
        validate_document_file(ContentFile(locked.read_bytes(), name="rapport.pdf"))
    status, out, err = document_text(locked)
    assert (status, out) == (1, "")
    assert "Sla het op zonder wachtwoord" in err


def test_a_file_that_cannot_be_read_fails_the_command_with_a_dutch_reason(tmp_path):
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4 kapot")
    status, out, err = document_text(broken)
    assert (status, out) == (1, "")
    assert err.startswith("Het bestand kon niet gelezen worden")
    assert document_text(tmp_path / "weg.pdf")[0] == 1
    assert "bestaat niet" in document_text(tmp_path / "weg.pdf")[2]


W_BODY = (
    # A comment, a text box anchored by layout values (Word writes the box twice: for new
    # readers and a VML fallback), hidden text, a simple field and a hyperlink field.
    '<w:p><w:r><w:t xml:space="preserve">Eerste alinea </w:t></w:r><w:commentRangeStart w:id="0"/>'
    '<w:r><w:t>met opmerking</w:t></w:r><w:commentRangeEnd w:id="0"/>'
    '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
    'compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH>'
    "<wp:align>center</wp:align></wp:positionH><wp:positionV><wp:posOffset>0</wp:posOffset>"
    "</wp:positionV><w:txbxContent><w:p><w:r><w:t>Datum</w:t></w:r></w:p></w:txbxContent>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
    "<w:t>Datum</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
    "</w:r><w:r><w:t>van de brief</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cel</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>"
    "Buur</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Verborgen</w:t></w:r><w:r><w:t>Zichtbaar</w:t>"
    '</w:r><w:r><w:tab/></w:r><w:fldSimple w:instr=" DATE \\@ dd-MM-yyyy "><w:r><w:t>'
    '1-2-2026</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
    '<w:instrText> HYPERLINK "https://example.org" </w:instrText></w:r><w:r>'
    '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> linktekst'
    '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:moveFrom w:id="5" '
    'w:author="Redacteur Voorbeeld"><w:r><w:t>Verplaatstweg</w:t></w:r></w:moveFrom></w:p>'
)
W_NOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Bron: CBS</w:t></w:r></w:p></w:footnote>'
)


def test_word_text_is_what_a_reader_sees():
    text, problem = read_text(ContentFile(docx_bytes(body=W_BODY, notes=W_NOTES)), "a.docx")
    assert problem == ""
    assert text == (
        "Eerste alinea met opmerking Datum van de brief Cel Buur Zichtbaar 1-2-2026 linktekst "
        "Bron: CBS"
    )


ODT_BODY = (
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
    "<office:change-info><dc:creator>Redacteur Voorbeeld</dc:creator><dc:date>2026-11-02"
    "</dc:date></office:change-info><text:p>Schrapfamilie</text:p></text:deletion>"
    "</text:changed-region></text:tracked-changes>"
    "<text:table-of-content><text:table-of-content-source><text:index-title-template>"
    "Inhoudsopgave</text:index-title-template></text:table-of-content-source><text:index-body>"
    "<text:p>Toeslagen<text:tab/>3</text:p></text:index-body></text:table-of-content>"
    "<text:h>Kop</text:h><text:p>Een<text:s/>alinea<office:annotation><dc:creator>Redacteur "
    "Voorbeeld</dc:creator><dc:date>2026-01-01</dc:date><text:p>Commentaar</text:p>"
    '</office:annotation><text:change text:change-id="c1"/>.<text:note><text:note-citation>1'
    "</text:note-citation><text:note-body><text:p>Voetnoot</text:p></text:note-body></text:note>"
    "Verder</text:p><text:p><draw:frame><draw:text-box><text:p>Datum</text:p></draw:text-box>"
    "<svg:desc>Logo van de gemeente</svg:desc></draw:frame>Na</text:p>"
)


def test_opendocument_text_is_what_a_reader_sees():
    text, problem = read_text(ContentFile(odt_bytes(body=ODT_BODY)), "a.odt")
    assert problem == ""
    assert text == "Toeslagen 3 Kop Een alinea. Voetnoot Verder Datum Na"


def test_spreadsheets_are_read_too():
    ods = odt_bytes(
        body='<table:table table:name="Cijfers"><table:table-row><table:table-cell><text:p>'
        "Gemeente</text:p></table:table-cell><table:table-cell><text:p>Bijstand</text:p>"
        "<office:annotation><text:p>Nakijken</text:p></office:annotation></table:table-cell>"
        "</table:table-row></table:table>",
        kind="spreadsheet",
    )
    assert read_text(ContentFile(ods), "a.ods") == ("Cijfers Gemeente Bijstand", "")
    xlsx = xlsx_bytes([["Gemeente", "Huishoudens"], ["Kwakkelstad", 1200]], title="Cijfers")
    assert read_text(ContentFile(xlsx), "a.xlsx") == (
        "Cijfers Gemeente Huishoudens Kwakkelstad 1200",
        "",
    )


@pytest.mark.django_db
def test_the_edit_page_says_how_much_text_was_read(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partly = make_document(
            "jaarverslag.pdf", (FIELD_CASES / "pdf-jaarverslag-kaartpagina.pdf").read_bytes()
        )
        fully = make_document("brief.pdf", pdf_bytes("Armoede"))
    partly.refresh_from_db()
    assert partly.extraction_status == "gedeeltelijk"
    page = admin_client.get(f"/admin/documents/edit/{partly.pk}/").content.decode()
    assert "maar voor een deel gelezen" in page
    assert any(reason.removeprefix("Overgeslagen: ")[:-1] in page for reason in MAP_PAGE_REASONS)
    page = admin_client.get(f"/admin/documents/edit/{fully.pk}/").content.decode()
    assert "helemaal gelezen" in page


def test_a_document_never_holds_the_worker_longer_than_its_total(settings):
    """With a long page limit, the file's total limit still stops the map page: the
    child is killed, page 3 is never reached, and the editor is told."""
    settings.DOCUMENT_TEXT_PAGE_SECONDS = 60
    settings.DOCUMENT_TEXT_TOTAL_SECONDS = 2
    content = (FIELD_CASES / "pdf-jaarverslag-kaartpagina.pdf").read_bytes()
    text, problem = read_text(ContentFile(content), "jaarverslag.pdf")
    assert "Hoofdstuk twee" not in text  # page 3: after the map, past the total
    # Page 1 is read unless a loaded machine spent the 2 s starting the reader.
    assert text in ("", "Jaarverslag armoedebestrijding Kwakkelstad voorwoord")
    assert problem.endswith(
        "(niet gelezen: tijd op). Het lezen van het hele bestand duurde te lang."
    )


LIBREOFFICE_TEXT = (
    "Armoede in Kwakkelstad De toeslagenaffaire raakte veel gezinnen. {footnote}Daarna volgde "
    "de bijstand. {box}Gemeente Huishoudens Einde{notes}"
)


@pytest.mark.parametrize(
    "name, text",
    [
        # OpenDocument keeps notes where they are anchored and the box before its paragraph.
        (
            "bron.odt",
            LIBREOFFICE_TEXT.format(
                footnote="Voetnootbron Parlementaire ondervraging ",
                box="Datum 1 december 2026 Het kader staat hierboven. ",
                notes=" Eindnoottekst .",
            ),
        ),
        # LibreOffice's DOCX has the box after the sentence, and the notes in their parts.
        (
            "bron.docx",
            LIBREOFFICE_TEXT.format(
                footnote="",
                box="Het kader staat hierboven. Datum 1 december 2026 ",
                notes=". Voetnootbron Parlementaire ondervraging Eindnoottekst",
            ),
        ),
        ("cijfers.ods", "Kwijtschelding Gemeente Aanvragen Kwakkelstad 1200"),
        ("cijfers.xlsx", "Kwijtschelding Gemeente Aanvragen Kwakkelstad 1200"),
    ],
)
def test_files_saved_by_libreoffice(name, text):
    """No deleted text, comment or reviewer name; notes, box and table in (see
    libreoffice/README.md for how these files were made)."""
    status, out, err = document_text(LIBREOFFICE / name)
    assert (status, out.strip(), err) == (0, text, "")
    for hidden in ("Schrapfamilie", "Commentaarnotitie", "nakijken", "Redacteur", "2026-11-02"):
        assert hidden not in out


@pytest.mark.django_db
def test_a_locked_pdf_is_refused_in_the_admin_and_the_old_file_stays(admin_client):
    locked = locked_pdf_bytes("Armoedemonitor")
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("monitor.pdf", locked, "application/pdf")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "wachtwoord nodig om te openen" in response.content.decode()
    assert not CustomDocument.objects.exists()

    document = make_document("brief.pdf", pdf_bytes("Armoede"), title="Brief")
    stored = document.file.name
    page = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Brief", "file": SimpleUploadedFile("monitor.pdf", locked, "application/pdf")},
    ).content.decode()
    assert "Sla het op zonder wachtwoord" in page
    assert "kon niet worden gevonden" not in page  # the refused upload is not "missing"
    document.refresh_from_db()
    assert document.file.name == stored


def test_hidden_text_sheets_and_rows_stay_out():
    styles = (
        '<office:automatic-styles><style:style style:name="T1" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="ta2" style:family="table"><style:table-properties '
        'table:display="false"/></style:style></office:automatic-styles>'
    )
    odt = odt_bytes(
        body='<text:p>Zichtbaar<text:span text:style-name="T1">Verborgentekst</text:span> '
        'einde</text:p><text:section text:name="S" text:display="none"><text:p>Weg</text:p>'
        "</text:section>",
        styles=styles,
    )
    assert read_text(ContentFile(odt), "a.odt") == ("Zichtbaar einde", "")
    ods = odt_bytes(
        body='<table:table table:name="Open"><table:table-row><table:table-cell><text:p>Ja'
        "</text:p></table:table-cell></table:table-row><table:table-row table:visibility="
        '"collapse"><table:table-cell><text:p>Ingeklapt</text:p></table:table-cell>'
        '</table:table-row></table:table><table:table table:name="Geheim" table:style-name='
        '"ta2"><table:table-row><table:table-cell><text:p>Verborgeninhoud</text:p>'
        "</table:table-cell></table:table-row></table:table>",
        kind="spreadsheet",
        styles=styles,
    )
    assert read_text(ContentFile(ods), "a.ods") == ("Open Ja", "")
    xlsx = xlsx_bytes([["Ja"]], title="Open", hidden_sheet=("Geheim", [["Verborgeninhoud"]]))
    assert read_text(ContentFile(xlsx), "a.xlsx") == ("Open Ja", "")


def test_a_long_document_says_only_its_beginning_is_searchable(settings):
    """Search keeps 100,000 characters of a file; the reader stops there and says so."""
    pages = [f"Pagina{n} " + "armoede " * 400 for n in range(40)]  # 3,300 characters a page
    text, problem = read_text(ContentFile(pdf_bytes_pages(pages)), "lang.pdf")
    assert len(text) == 100_000
    assert "Pagina29" in text and "Pagina35" not in text
    assert problem == (
        "Alleen het begin (tot en met pagina 32) is doorzoekbaar: zoeken bewaart per bestand "
        "100.000 tekens."
    )


# Headers and footers as Word writes them: a default header, a first-page header saying the
# same (read once), and a footer with a PAGE field whose shown result is "1".
WORD_HEADERS = [
    (
        "header",
        '<w:p><w:pPr><w:pStyle w:val="Koptekst"/></w:pPr><w:r><w:t>Gemeente Kwakkelstad'
        "</w:t></w:r><w:r><w:tab/><w:t>Afdeling Sociaal Domein</w:t></w:r></w:p>",
    ),
    (
        "header",
        "<w:p><w:r><w:t>Gemeente Kwakkelstad</w:t></w:r><w:r><w:tab/><w:t>Afdeling "
        "Sociaal Domein</w:t></w:r></w:p>",
    ),  # fmt: skip
    (
        "footer",
        '<w:p><w:r><w:t xml:space="preserve">Pagina </w:t></w:r><w:fldSimple w:instr=" PAGE ">'
        '<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> · Kenmerk '
        "SD/2026/0412</w:t></w:r></w:p>",
    ),
]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            WORD_HEADERS,
            "Besluit kwijtschelding Gemeente Kwakkelstad Afdeling Sociaal Domein "
            "Pagina 1 · Kenmerk SD/2026/0412",
        ),  # fmt: skip
        (WORD_HEADERS[2:], "Besluit kwijtschelding Pagina 1 · Kenmerk SD/2026/0412"),
        (
            [("header", "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Concept</w:t></w:r></w:p>")],
            "Besluit kwijtschelding",
        ),  # fmt: skip
    ],
)
def test_word_headers_and_footers_are_read_once(headers, expected):
    docx = docx_bytes("Besluit kwijtschelding", headers=headers)
    assert read_text(ContentFile(docx), "besluit.docx") == (expected, "")


def test_opendocument_headers_and_footers_are_read():
    master = (
        '<style:master-page style:name="Standard"><style:header><text:p>Stichting '
        "Voorbeeld</text:p></style:header><style:footer><text:p>Pagina <text:page-number "
        'text:select-page="current">1</text:page-number></text:p></style:footer>'
        "</style:master-page>"
    )
    odt = odt_bytes("Jaarverslag armoede", master_pages=master)
    assert read_text(ContentFile(odt), "verslag.odt") == (
        "Jaarverslag armoede Stichting Voorbeeld Pagina 1",
        "",
    )


FORM_FIELDS = [
    {"name": "naam", "type": "/Tx", "value": "Fatima Yılmaz"},  # UTF-16 in the file
    {"name": "toelichting", "type": "/Tx", "value": "Huur te hoog\rEnergie (gas) te duur"},
    {"name": "gemeente", "type": "/Ch", "value": "Súdwest-Fryslân"},
    {"name": "akkoord", "type": "/Btn", "value": "/Yes"},  # a ticked box: no words
    {"name": "telefoon", "type": "/Tx", "value": None},  # left empty
    {"name": "adres", "kids": [{"name": "straat", "type": "/Tx", "value": "Brink 3"}]},
]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            FORM_FIELDS,
            "Aanvraag bijzondere bijstand Fatima Yılmaz Huur te hoog Energie (gas) te duur "
            "Súdwest-Fryslân Brink 3",
        ),
        (FORM_FIELDS[3:5], "Aanvraag bijzondere bijstand"),  # nothing filled in
        (
            [{"name": "bedrag", "type": "/Tx", "value": "€ 1.250,00"}],
            "Aanvraag bijzondere bijstand € 1.250,00",
        ),  # fmt: skip
    ],
)
def test_filled_in_pdf_form_fields_are_read(fields, expected):
    pdf = pdf_form_bytes("Aanvraag bijzondere bijstand", fields)
    assert read_text(ContentFile(pdf), "aanvraag.pdf") == (expected, "")


def test_an_xfa_form_without_fields_says_it_was_not_read():
    pdf = pdf_form_bytes("Aanvraagformulier", [], xfa=True)
    assert read_text(ContentFile(pdf), "aanvraag.pdf") == (
        "Aanvraagformulier",
        "Overgeslagen: formulier (een XFA-formulier, dat alleen Adobe Reader toont).",
    )


@pytest.mark.django_db
def test_applying_the_marker_migration_reads_stored_documents_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("besluit.docx", docx_bytes("Besluit", headers=WORD_HEADERS))
    CustomDocument.objects.filter(pk=document.pk).update(extracted_text="Besluit")  # as before
    plan = [(migrations.Migration("0001_read_headers_and_form_fields", "documents"), False)]
    with django_capture_on_commit_callbacks(execute=True):
        read_again_after_reader_change(plan=plan)
    document.refresh_from_db()
    assert "Afdeling Sociaal Domein" in document.extracted_text
