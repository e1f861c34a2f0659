import datetime
import io
import zipfile

import factory
import wagtail_factories
from django.core.files.base import ContentFile

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
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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


def docx_bytes(text):
    """A minimal real DOCX (Office Open XML) with one paragraph."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def odt_bytes(text):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="o" xmlns:text="t"><office:body>'
            f"<text:p>{text}</text:p></office:body></office:document-content>",
        )
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
