import datetime
import io
import zipfile

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from website.core.models import CustomDocument

from .models import CampaignPage, LibraryIndexPage, PublicationFile, PublicationPage


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Documenten"
    slug = "documenten"
    show_in_menus = True

    class Meta:
        model = LibraryIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Najaarsactie {2000 + n}")

    class Meta:
        model = CampaignPage


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Brief {n}")
    date = datetime.date(2016, 10, 1)
    kind = "kamerbrief"
    introduction = "Een brief aan de Tweede Kamer."

    class Meta:
        model = PublicationPage


def pdf_bytes(text):
    """A small real PDF with `text` on its page (pypdf can read it back)."""
    return pdf_bytes_pages([text])


def pdf_bytes_pages(texts):
    """A real PDF with one page per text in `texts` (Helvetica, Latin-1)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 "
               b"/BaseFont /Helvetica >>"]  # fmt: skip
    kids = []
    for text in texts:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        kids.append(f"{len(objects) + 1} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
            f"{len(objects) + 2} 0 R /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


W_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx_bytes(text="", body=None, main="word/document.xml", notes=None):
    """A real DOCX (an OPC package as Word writes it): one paragraph with `text`, or the
    WordprocessingML `body`; the main part at `main` (Word Online: "word/document2.xml"),
    found through _rels/.rels; `notes` is the inner XML of a footnotes part."""
    body = body if body is not None else f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    folder, name = main.rsplit("/", 1)
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        f'"application/xml"/><Override PartName="/{main}" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships">{}</Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(
            "_rels/.rels",
            rels.format(
                f'<Relationship Id="rId1" Type="{RELATIONSHIP}officeDocument" Target="{main}"/>'
            ),
        )
        archive.writestr(
            main,
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NAMESPACES}>'
            f"<w:body>{body}</w:body></w:document>",
        )
        if notes is not None:
            archive.writestr(
                f"{folder}/_rels/{name}.rels",
                rels.format(
                    f'<Relationship Id="rId9" Type="{RELATIONSHIP}footnotes" '
                    'Target="footnotes.xml"/>'
                ),
            )
            archive.writestr(
                f"{folder}/footnotes.xml",
                f'<?xml version="1.0"?><w:footnotes {W_NAMESPACES}>{notes}</w:footnotes>',
            )
    return out.getvalue()


ODF_NAMESPACES = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"'
    for prefix, name in [
        ("office", "office:1.0"),
        ("text", "text:1.0"),
        ("table", "table:1.0"),
        ("draw", "drawing:1.0"),
        ("svg", "svg-compatible:1.0"),
        ("style", "style:1.0"),
    ]
)


def odt_bytes(text="", body=None, kind="text", styles=""):
    """A real OpenDocument file as LibreOffice writes it (mimetype first and stored):
    a text (kind "text", .odt) or spreadsheet ("spreadsheet", .ods) with the `body`
    XML, or one paragraph with `text`."""
    body = body if body is not None else f"<text:p>{text}</text:p>"
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES} '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
            f"{styles}<office:body><office:{kind}>{body}</office:{kind}></office:body>"
            "</office:document-content>",
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
            'oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
            "</manifest:manifest>",
        )
    return out.getvalue()


def xlsx_bytes(rows, title="Blad1", hidden_sheet=None):
    """A real XLSX made by openpyxl with `rows` (lists of cell values) on one sheet, and
    `hidden_sheet` = (title, rows) as a hidden second sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if hidden_sheet:
        hidden = workbook.create_sheet(hidden_sheet[0])
        hidden.sheet_state = "hidden"
        for row in hidden_sheet[1]:
            hidden.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def locked_pdf_bytes(text, password="geheim"):  # noqa: S107 - a test file's password
    """A PDF that needs `password` to open (AES-256, as Acrobat's "Document Open Password")."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password=password, owner_password=password * 2, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_document(name, content, title="Bestand"):
    document = CustomDocument(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.full_clean()
    document.save()
    return document


def attach(page, document, label=""):
    PublicationFile.objects.create(page=page, document=document, label=label)
    page.save_revision().publish()
    return page
