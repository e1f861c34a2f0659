"""What every document reader shares: the limits against zip bombs, the Office package's
parts (ECMA-376 part 2, OPC), and the shapes a reader yields (`Part`) or raises (`Refused`,
`PageTimeout`)."""

import posixpath
import zipfile
from dataclasses import dataclass

from defusedxml.ElementTree import fromstring

# Zip-based files: limits against zip bombs (total unpacked, one part, ratio).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
# XML compresses well: LibreOffice saves a sheet of 60,000 similar rows at 205:1.
MAX_COMPRESSION_RATIO = 1000
MAX_TEXT_CHARS = 100_000

OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
NOTE_RELATIONSHIPS = ("/footnotes", "/endnotes")
# Headers and footers: printed on every page, read once (a first-page and an even-page
# header that say the same are one text).
HEADER_RELATIONSHIPS = ("/header", "/footer")
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class Refused(Exception):
    """The file should not be published as it is; the message says why, in Dutch."""


@dataclass
class Part:
    """One page, sheet or text of a document: its text, or why it could not be read."""

    label: str
    text: str = ""
    problem: str = ""


class PageTimeout(Exception):
    pass


# --- Containers -----------------------------------------------------------------------


def open_zip(source):
    """A ZipFile for a path or file object, or None when it is not a zip or looks like a
    zip bomb (see unpacks_too_large)."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return None
    return None if _too_large(archive) else archive


def unpacks_too_large(source):
    """True for a zip that would unpack to more than MAX_UNPACKED_BYTES, or is compressed
    more than MAX_COMPRESSION_RATIO to 1 (a zip bomb); False for anything else."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        if hasattr(source, "seek"):
            source.seek(0)
    return _too_large(archive)


def _too_large(archive):
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    return unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO


def read_part(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ValueError(f"{name} is too large to read")
    return archive.read(info)


def relationships(archive, part_name):
    """{relationship type: [target part names]} of an OPC part ('' = the package)."""
    folder, base = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in archive.namelist():
        return {}
    found = {}
    for rel in fromstring(read_part(archive, rels_name)).iter(PACKAGE_RELATIONSHIPS):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.setdefault(rel.get("Type", ""), []).append(posixpath.normpath(name))
    return found


def main_document_part(archive):
    """The name of an OPC package's main part ('word/document.xml', or 'word/document2.xml'
    as Word Online saves it), or None."""
    rels = relationships(archive, "")
    names = rels.get(OFFICE_DOCUMENT, []) + rels.get(STRICT_OFFICE_DOCUMENT, [])
    return next((name for name in names if name in archive.namelist()), None)


# --- XML readers ----------------------------------------------------------------------
