"""Uploaded documents: check that the content matches the extension, and read their text.

Allowed: PDF, DOCX, XLSX (Office Open XML), ODT, ODS (OpenDocument). A file whose bytes do
not match its extension (an HTML page renamed to .pdf, an SVG, a zip bomb) or that visitors
could not open (a PDF that needs a password) is refused with a Dutch message. The text of
every kind is read for the search index by core.extraction; a file that cannot be read
yields no text and a reason for the editor, never an exception.
"""

import logging
import re
import shutil
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .extraction import Limits, extract
from .packages import (
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    Refused,
    main_document_part,
    open_zip,
    read_part,
    unpacks_too_large,
)
from .readers import open_pdf

logger = logging.getLogger(__name__)

# The main part an Office Open XML package of each kind must have (by its relationships).
OOXML_MAIN_PARTS = {"docx": "word/", "xlsx": "xl/"}
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
# How to save each kind again, for the message when a file is not what its name says.
SAVE_AS = {
    "pdf": "als PDF",
    "docx": "als Word-bestand (.docx)",
    "xlsx": "als Excel-bestand (.xlsx)",
    "odt": "als OpenDocument-tekst (.odt)",
    "ods": "als OpenDocument-rekenblad (.ods)",
}
OLD_FORMATS = {"doc": "docx", "xls": "xlsx", "rtf": "docx"}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_file(uploaded):
    """Raise ValidationError unless the file is an allowed type whose content matches."""
    extension = extension_of(uploaded.name)
    label = KIND_LABELS.get(extension)
    if label is None:
        hint = ""
        if extension in OLD_FORMATS:
            hint = f" Sla het op {SAVE_AS[OLD_FORMATS[extension]]} en probeer het nog eens."
        raise ValidationError(
            "Dit soort bestand kan niet. Kies een PDF-, Word-, Excel-, ODT- of ODS-bestand." + hint
        )
    if uploaded.size > settings.DOCUMENT_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"Het bestand is te groot ({filesizeformat(uploaded.size)}). Het mag maximaal "
            f"{filesizeformat(settings.DOCUMENT_MAX_UPLOAD_BYTES)} zijn."
        )
    uploaded.seek(0)
    try:
        if extension == "pdf":
            matches = uploaded.read(5) == b"%PDF-"
            if matches:
                _refuse_locked_pdf(uploaded)
        elif unpacks_too_large(uploaded):
            raise ValidationError(
                "Dit bestand wordt bij het openen te groot (meer dan "
                f"{filesizeformat(MAX_UNPACKED_BYTES)}). Maak het kleiner of deel het op, of "
                "sla het op als PDF."
            )
        elif extension in OOXML_MAIN_PARTS:
            matches = _is_office_package(uploaded, OOXML_MAIN_PARTS[extension])
        else:
            matches = _odf_mimetype(uploaded) == ODF_MIMETYPES[extension]
    finally:
        uploaded.seek(0)
    if not matches:
        raise ValidationError(
            f"Dit bestand is geen echt {label}-bestand, al eindigt de naam op .{extension}. "
            f"Sla het opnieuw op {SAVE_AS[extension]} en probeer het nog eens."
        )


def _refuse_locked_pdf(uploaded):
    """Raise ValidationError when the PDF needs a password to open (visitors could not
    read it). Other damage is left to the text reader, which tells the editor."""
    uploaded.seek(0)
    try:
        open_pdf(uploaded)
    except Refused as refused:
        raise ValidationError(str(refused)) from refused
    except Exception:  # noqa: BLE001, S110 - a damaged PDF is reported by read_text
        pass


def _is_office_package(uploaded, folder):
    """A real, macro-free Office Open XML package whose main part (found through its
    relationships, ECMA-376 part 2) lies in `folder` ("word/" for Word)."""
    archive = open_zip(uploaded)
    if archive is None or "[Content_Types].xml" not in archive.namelist():
        return False
    main = main_document_part(archive)
    return bool(main and main.startswith(folder)) and not _has_macros(uploaded)


def _has_macros(uploaded):
    """A macro-enabled Office file (.docm/.xlsm) renamed to .docx/.xlsx."""
    uploaded.seek(0)
    archive = open_zip(uploaded)
    if archive is None:
        return True
    types = read_part(archive, "[Content_Types].xml").decode("utf-8", "replace")
    return "macroEnabled" in types or "vbaProject" in " ".join(archive.namelist())


def _odf_mimetype(uploaded):
    archive = open_zip(uploaded)
    if archive is None or "mimetype" not in archive.namelist():
        return None
    return archive.read("mimetype")[:100].decode("ascii", "replace").strip()


# --- Text extraction -------------------------------------------------------------


def extract_text(file, name):
    """The readable text of a document (see read_text), or "" when none could be read."""
    return read_text(file, name)[0]


def read_text(file, name):
    """(text, problem) for a document file object named `name`: the text search indexes
    (core.extraction: what a reader sees, normalised, whitespace collapsed, at most
    100,000 characters) and, for the editor, "" when all of it was read, else in Dutch
    which pages were skipped or why no text could be read. Never raises for a bad file."""
    extension = extension_of(name)
    try:
        with tempfile.NamedTemporaryFile(suffix=f".{extension}") as copy:
            file.seek(0)
            shutil.copyfileobj(file, copy)
            copy.flush()
            extraction = extract(copy.name, extension, extraction_limits())
    except Refused as refused:
        return "", str(refused)
    except Exception:  # noqa: BLE001 - a broken upload must never break the site
        logger.warning("Could not read the text of %s", name, exc_info=True)
        return "", (
            "Het bestand kon niet gelezen worden: misschien is het beschadigd. Open het, sla "
            "het opnieuw op en upload het nog eens."
        )
    text = extraction.text
    return text, extraction_problem(extraction, extension, has_text=bool(text))


def extraction_limits():
    return Limits(
        page_seconds=settings.DOCUMENT_TEXT_PAGE_SECONDS,
        total_seconds=settings.DOCUMENT_TEXT_TOTAL_SECONDS,
        memory_mb=settings.DOCUMENT_TEXT_MEMORY_MB,
    )


def extraction_problem(extraction, extension, has_text):
    """The Dutch explanation for an editor of what could not be read ("" = nothing)."""
    skipped = "; ".join(f"{part.label} ({part.problem})" for part in extraction.skipped)
    cut_off = ""
    if extraction.cut_off:
        last = extraction.parts[-1].label if extraction.full and extraction.parts else ""
        cut_off = (
            f"Alleen het begin{f' (tot en met {last})' if last else ''} is doorzoekbaar: "
            f"zoeken bewaart per bestand {MAX_TEXT_CHARS:,} tekens.".replace(",", ".")
        )
    if has_text and (skipped or cut_off):
        parts = [f"Overgeslagen: {skipped}." if skipped else "", extraction.problem, cut_off]
        return " ".join(part for part in parts if part)
    if has_text:
        return ""
    if skipped:
        nothing = f"Er kon geen tekst gelezen worden. Overgeslagen: {skipped}."
        return f"{nothing} {extraction.problem}".strip()
    if extension == "pdf":
        return (
            "Er staat geen tekst in: misschien is het een scan (een foto van papier). Upload "
            "zo mogelijk een versie met echte tekst, bijvoorbeeld opgeslagen als PDF vanuit "
            "Word."
        )
    return "Er staat geen tekst in het bestand."


def readable_title(filename):
    """A title people can read from a file name: "brief_aan-Kamer_2016.pdf" → "Brief aan
    Kamer 2016" (extension off, underscores and hyphens as spaces, first letter capital)."""
    stem = filename.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = " ".join(re.sub(r"[_\-.]+", " ", stem).split())
    return words[:1].upper() + words[1:]
