"""Uploaded documents: check that the content matches the extension, and read their text.

Allowed: PDF, DOCX, XLSX (Office Open XML), ODT, ODS (OpenDocument). A file whose bytes do
not match its extension (an HTML page renamed to .pdf, an SVG, a zip bomb) is refused with
a Dutch message. Text is read from PDF, DOCX and ODT for the search index; a file that
cannot be read yields no text, never an exception.
"""

import logging
import re
import zipfile
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader

logger = logging.getLogger(__name__)

OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    **ODF_MIMETYPES,
}
KIND_LABELS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "odt": "ODT", "ods": "ODS"}
# Zip-based files: limits against zip bombs (total unpacked, the part we read, ratio).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_file(uploaded):
    """Raise ValidationError unless the file is an allowed type whose content matches."""
    extension = extension_of(uploaded.name)
    label = KIND_LABELS.get(extension)
    if label is None:
        allowed = ", ".join(KIND_LABELS.values())
        raise ValidationError(f"Dit soort bestand kan niet. Kies een {allowed}-bestand.")
    if uploaded.size > settings.DOCUMENT_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"Het bestand is te groot ({filesizeformat(uploaded.size)}). Het mag maximaal "
            f"{filesizeformat(settings.DOCUMENT_MAX_UPLOAD_BYTES)} zijn."
        )
    uploaded.seek(0)
    try:
        if extension == "pdf":
            matches = uploaded.read(5) == b"%PDF-"
        elif extension in OOXML_PARTS:
            matches = _zip_has(uploaded, {"[Content_Types].xml", OOXML_PARTS[extension]})
            matches = matches and not _has_macros(uploaded)
        else:
            matches = _odf_mimetype(uploaded) == ODF_MIMETYPES[extension]
    finally:
        uploaded.seek(0)
    if not matches:
        raise ValidationError(
            f"Dit bestand is geen echt {label}-bestand, al eindigt de naam op .{extension}. "
            f"Sla het opnieuw op als {label} en probeer het nog eens."
        )


def _open_zip(uploaded):
    try:
        archive = zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, OSError):
        return None
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        return None
    return archive


def _zip_has(uploaded, names):
    archive = _open_zip(uploaded)
    return archive is not None and names <= set(archive.namelist())


def _has_macros(uploaded):
    """A macro-enabled Office file (.docm/.xlsm) renamed to .docx/.xlsx."""
    uploaded.seek(0)
    archive = _open_zip(uploaded)
    if archive is None:
        return True
    types = archive.read("[Content_Types].xml")[:MAX_PART_BYTES].decode("utf-8", "replace")
    return "macroEnabled" in types or "vbaProject" in " ".join(archive.namelist())


def _odf_mimetype(uploaded):
    archive = _open_zip(uploaded)
    if archive is None or "mimetype" not in archive.namelist():
        return None
    return archive.read("mimetype")[:100].decode("ascii", "replace").strip()


# --- Text extraction -------------------------------------------------------------

TAG = re.compile(r"<[^>]+>")
# Where Word/OpenDocument XML means a break between words; every other tag means nothing
# (a word may be split over several runs: "Voedsel</w:t>...<w:t>banken").
WORD_BREAKS = re.compile(
    r"</(w:p|text:p|text:h)>|<(w:tab|w:br|w:cr|text:s|text:tab|text:line-break)\b[^>]*>"
)
MAX_TEXT_CHARS = 100_000


def extract_text(file, name):
    """The readable text of a PDF, DOCX or ODT file, or "" (logged) when it can't be read."""
    return read_text(file, name)[0]


def read_text(file, name):
    """(text, problem): the readable text of a PDF, DOCX or ODT file (whitespace collapsed,
    at most MAX_TEXT_CHARS), and "" or, when none could be read, the reason in Dutch for
    the editor (shown on the document's edit page)."""
    extension = extension_of(name)
    try:
        file.seek(0)
        if extension == "pdf":
            text = _pdf_text(file)
        elif extension == "docx":
            text = _xml_text(file, "word/document.xml")
        elif extension == "odt":
            text = _xml_text(file, "content.xml")
        else:
            return "", ""  # spreadsheets: their cells are not searched
    except Exception as error:  # noqa: BLE001 - a broken upload must never break the site
        logger.warning("Could not read the text of %s", name, exc_info=True)
        return "", f"Het bestand kon niet gelezen worden ({type(error).__name__}: {error})."
    text = " ".join(text.split())[:MAX_TEXT_CHARS]
    if not text and extension == "pdf":
        return "", "Er staat geen tekst in: misschien is het een scan (een foto van papier)."
    if not text:
        return "", "Er staat geen tekst in het bestand."
    return text, ""


def readable_title(filename):
    """A title people can read from a file name: "brief_aan-Kamer_2016.pdf" → "Brief aan
    Kamer 2016" (extension off, underscores and hyphens as spaces, first letter capital)."""
    stem = filename.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = " ".join(re.sub(r"[_\-.]+", " ", stem).split())
    return words[:1].upper() + words[1:]


def _pdf_text(file):
    parts, length = [], 0
    for page in PdfReader(file).pages:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_TEXT_CHARS:
            break  # enough for search; don't read a 900-page report to the end
    return "\n".join(parts)


def _xml_text(file, part):
    archive = _open_zip(file)
    if archive is None:
        raise ValueError("not a readable zip container")
    if archive.getinfo(part).file_size > MAX_PART_BYTES:
        raise ValueError(f"{part} is too large to read")
    xml = archive.read(part).decode("utf-8", "replace")
    return unescape(TAG.sub("", WORD_BREAKS.sub(" ", xml)))
