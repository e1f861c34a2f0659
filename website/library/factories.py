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
    return pdf_file(objects)


W_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx_bytes(text="", body=None, main="word/document.xml", notes=None, headers=()):
    """A real DOCX (an OPC package as Word writes it): one paragraph with `text`, or the
    WordprocessingML `body`; the main part at `main` (Word Online: "word/document2.xml"),
    found through _rels/.rels; `notes` is the inner XML of a footnotes part; `headers` are
    ("header" or "footer", inner XML) pairs, each a part of its own (header1.xml, …) tied
    to the main part by its relationship and to the section by w:headerReference /
    w:footerReference, as Word writes them."""
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
        part_rels, references = [], []
        for number, (kind, inner) in enumerate(headers, start=1):
            target = f"{kind}{number}.xml"
            part_rels.append(
                f'<Relationship Id="rIdH{number}" Type="{RELATIONSHIP}{kind}" Target="{target}"/>'
            )
            which = "first" if number == 2 and kind == "header" else "default"
            references.append(f'<w:{kind}Reference w:type="{which}" r:id="rIdH{number}"/>')
            root = "hdr" if kind == "header" else "ftr"
            archive.writestr(
                f"{folder}/{target}",
                f'<?xml version="1.0"?><w:{root} {W_NAMESPACES}>{inner}</w:{root}>',
            )
        section = f"<w:sectPr>{''.join(references)}</w:sectPr>" if references else ""
        archive.writestr(
            main,
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NAMESPACES}>'
            f"<w:body>{body}{section}</w:body></w:document>",
        )
        if notes is not None:
            part_rels.append(
                f'<Relationship Id="rId9" Type="{RELATIONSHIP}footnotes" Target="footnotes.xml"/>'
            )
            archive.writestr(
                f"{folder}/footnotes.xml",
                f'<?xml version="1.0"?><w:footnotes {W_NAMESPACES}>{notes}</w:footnotes>',
            )
        if part_rels:
            archive.writestr(f"{folder}/_rels/{name}.rels", rels.format("".join(part_rels)))
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


def odt_bytes(text="", body=None, kind="text", styles="", master_pages=""):
    """A real OpenDocument file as LibreOffice writes it (mimetype first and stored):
    a text (kind "text", .odt) or spreadsheet ("spreadsheet", .ods) with the `body`
    XML, or one paragraph with `text`; `master_pages` is the inner XML of styles.xml's
    office:master-styles (page headers and footers)."""
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
        if master_pages:
            archive.writestr(
                "styles.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NAMESPACES}'
                ' office:version="1.3"><office:styles/><office:master-styles>'
                f"{master_pages}</office:master-styles></office:document-styles>",
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


def pdf_form_bytes(text, fields, xfa=False):
    """A real PDF form as Acrobat saves it once filled in: `text` on the page, and an
    AcroForm (ISO 32000-2 §12.7) whose `fields` are dicts with "name", "type" ("/Tx" text,
    "/Ch" choice, "/Btn" check box), "value" (None: empty) and optional "kids" (fields
    under a parent, named "parent.kid"). Values are PDF text strings: UTF-16BE with a byte
    order mark where Latin-1 does not suffice, as Acrobat writes them. With `xfa`, the form
    also carries an XFA packet, as forms made with Adobe LiveCycle do."""
    objects = [None, None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", None]
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    widgets, top = [], []

    def add(field, parent=None):
        number = len(objects) + 1
        objects.append(b"")
        parts = [f"/T {pdf_string(field['name'])}"]
        if parent:
            parts.append(f"/Parent {parent} 0 R")
        kids = [add(kid, number) for kid in field.get("kids", [])]
        if kids:
            parts.append(f"/Kids [{' '.join(f'{kid} 0 R' for kid in kids)}]")
        else:
            rect = f"[72 {600 - 30 * len(widgets)} 300 {620 - 30 * len(widgets)}]"
            parts += [f"/FT {field['type']}", "/Type /Annot /Subtype /Widget", f"/Rect {rect}"]
            parts.append("/P 4 0 R")
            widgets.append(number)
            value = field.get("value")
            if value is not None:
                parts.append(
                    f"/V {value}" if field["type"] == "/Btn" else f"/V {pdf_string(value)}"
                )
        objects[number - 1] = f"<< {' '.join(parts)} >>".encode("latin-1")
        return number

    for field in fields:
        top.append(add(field))
    field_refs = " ".join(f"{number} 0 R" for number in top)
    objects[0] = (
        f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{field_refs}] "
        f"/NeedAppearances true {'/XFA [(template) (<template/>)]' if xfa else ''}>> >>"
    ).encode()
    objects[1] = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"
    annots = " ".join(f"{number} 0 R" for number in widgets)
    objects[3] = (
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        f"/Resources << /Font << /F1 3 0 R >> >> /Annots [{annots}] >>"
    ).encode()
    return pdf_file(objects)


def pdf_string(value):
    """A PDF text string: literal when Latin-1 suffices, else UTF-16BE hex with a BOM."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"
    escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped.replace(chr(13), chr(92) + 'r')})"


def pdf_file(objects):
    """A PDF file of `objects` (bytes, numbered from 1; the first is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
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
