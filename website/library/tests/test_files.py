"""Files done safely: type and content checked on upload, served as downloads, text read."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from website.core.models import CustomDocument
from website.documents.files import extract_text, validate_document_file
from website.library.factories import docx_bytes, make_document, odt_bytes, pdf_bytes


def upload(name, content):
    file = ContentFile(content, name=name)
    return file


@pytest.mark.parametrize(
    "name, content",
    [
        ("brief.pdf", pdf_bytes("Hallo")),
        ("brief.docx", docx_bytes("Hallo")),
        ("brief.odt", odt_bytes("Hallo")),
    ],
)
def test_real_files_pass(name, content):
    validate_document_file(upload(name, content))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("brief.pdf", b"<html><script>alert(1)</script></html>", "geen echt PDF-bestand"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "Dit soort bestand kan niet"),
        ("brief.html", b"<html></html>", "Dit soort bestand kan niet"),
        ("brief.docx", b"PK\x03\x04 not really a zip", "geen echt Word-bestand"),
        ("brief.odt", docx_bytes("x"), "geen echt ODT-bestand"),
        ("brief.exe", b"MZ", "Dit soort bestand kan niet"),
    ],
)
def test_files_whose_content_does_not_match_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_document_file(upload(name, content))


def test_size_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="te groot"):
        validate_document_file(upload("groot.pdf", b"%PDF-" + b"x" * 2000))


@pytest.mark.django_db
def test_admin_upload_refuses_html_renamed_to_pdf(admin_client, home_page):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("brief.pdf", b"<html>nep</html>", "application/pdf")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "geen echt PDF-bestand" in response.content.decode()
    assert CustomDocument.objects.count() == 0


def test_text_extraction_from_pdf_docx_and_odt():
    assert "schulden" in extract_text(ContentFile(pdf_bytes("Problematische schulden")), "a.pdf")
    assert extract_text(ContentFile(docx_bytes("Werkende armen")), "a.docx") == "Werkende armen"
    assert extract_text(ContentFile(odt_bytes("Voedselbank")), "a.odt") == "Voedselbank"


def test_unreadable_file_gives_no_text_and_no_crash(caplog):
    assert extract_text(ContentFile(b"%PDF-1.4 broken"), "kapot.pdf") == ""
    assert "Could not read" in caplog.text


@pytest.mark.django_db
def test_downloads_are_attachments_with_the_right_type(client, home_page):
    document = make_document("brief.pdf", pdf_bytes("Hallo"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    docx = make_document("brief.docx", docx_bytes("Hallo"))
    assert (
        client.get(docx.url)
        .headers["Content-Type"]
        .startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    )


def test_words_split_over_runs_are_joined():
    body = (
        "<w:p><w:r><w:t>Voedsel</w:t></w:r><w:r><w:t>banken</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>groeien</w:t></w:r></w:p>"
    )
    assert extract_text(ContentFile(docx_bytes(body=body)), "a.docx") == "Voedselbanken groeien"


def test_macro_enabled_office_file_renamed_to_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            "<Types><Override ContentType="
            '"application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00")
    with pytest.raises(ValidationError, match="geen echt Word-bestand"):
        validate_document_file(upload("brief.docx", out.getvalue()))


def test_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for part in range(3):  # 210 MB unpacked from about 200 kB
            archive.writestr(f"word/media/{part}.xml", b"\0" * 70_000_000)
    with pytest.raises(ValidationError, match="bij het openen te groot"):
        validate_document_file(upload("bom.docx", out.getvalue()))


def test_a_sheet_of_many_similar_rows_is_no_zip_bomb():
    """LibreOffice saves 60,000 rows of one pattern at about 205:1."""
    rows = "".join(
        f"<table:table-row><table:table-cell><text:p>Kwakkelstad {n % 10}</text:p>"
        "</table:table-cell></table:table-row>"
        for n in range(60_000)
    )
    ods = odt_bytes(
        body=f'<table:table table:name="Blad1">{rows}</table:table>', kind="spreadsheet"
    )
    validate_document_file(upload("cijfers.ods", ods))


@pytest.mark.django_db(transaction=False)
def test_an_upload_gets_a_readable_title_and_the_form_asks_to_check_it(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/multiple/add/",
            {
                "files[]": SimpleUploadedFile(
                    "brief_aan-Kamer_2016.pdf", pdf_bytes("Armoede"), "application/pdf"
                ),
                "title": "brief_aan-Kamer_2016",  # what Wagtail's upload script sends
            },
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    assert response.status_code == 200
    document = CustomDocument.objects.get()
    assert document.title == "Brief aan Kamer 2016"
    edit = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "Bezoekers zien deze titel als linktekst" in edit
    assert "zoeken vindt de woorden in dit bestand niet" not in edit


@pytest.mark.django_db
def test_a_document_without_readable_text_says_why_on_its_edit_page(
    admin_client, django_capture_on_commit_callbacks
):
    """A PDF with only a picture and no text layer, as a scanner makes it."""
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("scan.pdf", pdf_bytes(""))
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert "scan" in document.extraction_problem
    edit = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "Let op: zoeken vindt de woorden in dit bestand niet" in edit
    assert "misschien is het een scan" in edit
