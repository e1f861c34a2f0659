"""The text a reader sees in an uploaded document, read in a child process with limits.

Shape: `extract(path, extension) -> Extraction(parts)`: one `Part` per PDF page, per
spreadsheet sheet, or one for a whole Word/OpenDocument text; each has its text or, when it
could not be read, a Dutch reason. The readers run in a separate Python process
(`python -m website.documents.extraction`) that reports one JSON line per part: a page that
takes longer than `page_seconds`, or memory beyond `memory_mb`, costs that page only
(the child is restarted after it), and the whole document never takes more than
`total_seconds`. A single process could not stop pypdf in the middle of a page.

Formats and sources:
- PDF: pypdf (with `cryptography` for AES); an empty open password is tried, as every
  viewer does (ISO 32000-2 §7.6.4).
- DOCX: WordprocessingML (ECMA-376 part 1) read with a SAX parser (defusedxml): the main
  part found through the package relationships (ECMA-376 part 2, OPC), notes included;
  deleted text (w:del, w:moveFrom), field instructions (w:instrText, between fldChar
  begin and separate), hidden text (w:vanish), comments and mc:Fallback copies left out.
- ODT/ODS: OpenDocument 1.3 content.xml, with tracked changes, annotations, note
  citations, index templates and alt texts left out; notes and text boxes included.
- XLSX: openpyxl (values as last calculated, no comments).
No library did all of this (docs/architecture.md, "Document text"): mammoth drops the
text of simple fields, docx2python doubles text boxes, odfdo includes comments.
"""

import contextlib
import functools
import json
import os
import posixpath
import resource
import selectors
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml.ElementTree import fromstring
from defusedxml.sax import make_parser

from website.text import normalise

# Zip-based files: limits against zip bombs (total unpacked, one part, ratio).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
# XML compresses well: LibreOffice saves a sheet of 60,000 similar rows at 205:1.
MAX_COMPRESSION_RATIO = 1000
MAX_TEXT_CHARS = 100_000
PROJECT_ROOT = Path(__file__).resolve().parents[2]

OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
NOTE_RELATIONSHIPS = ("/footnotes", "/endnotes")
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class Refused(Exception):
    """The file should not be published as it is; the message says why, in Dutch."""


@dataclass
class Part:
    """One page, sheet or text of a document: its text, or why it could not be read."""

    label: str
    text: str = ""
    problem: str = ""


@dataclass
class Extraction:
    parts: list[Part] = field(default_factory=list)
    problem: str = ""  # a problem with the whole file (it could not be opened at all)
    full: bool = False  # reading stopped after the last part: MAX_TEXT_CHARS were reached

    @property
    def all_text(self):
        joined = " ".join(part.text for part in self.parts if part.text)
        return " ".join(normalise(joined).split())

    @property
    def text(self):
        """All readable text, whitespace collapsed, at most MAX_TEXT_CHARS characters."""
        return self.all_text[:MAX_TEXT_CHARS]

    @property
    def cut_off(self):
        """True when the file holds more text than search keeps."""
        return self.full or len(self.all_text) > MAX_TEXT_CHARS

    @property
    def skipped(self):
        return [part for part in self.parts if part.problem]


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

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


class TextHandler(ContentHandler):
    """Collects character data inside `text_elements`, outside `skipped` subtrees, with
    `breaks` (element → what it stands for: a space or a line end) in reading order."""

    text_elements = frozenset()
    skipped = frozenset()
    breaks = {}

    def __init__(self):
        super().__init__()
        self.out = []
        self.length = 0
        self.inside_text = 0
        self.skipping = 0

    def startElementNS(self, name, qname, attrs):
        if self.skipping or self.skip(name, attrs):
            self.skipping += 1
            return
        if name in self.text_elements:
            self.inside_text += 1
        self.start(name, attrs)

    def endElementNS(self, name, qname):
        if self.skipping:
            self.skipping -= 1
            return
        if name in self.text_elements:
            self.inside_text -= 1
        if name in self.breaks:
            self.emit(self.breaks[name])

    def characters(self, content):
        if self.inside_text and not self.skipping and self.visible():
            self.emit(content)

    def skip(self, name, attrs):
        return name in self.skipped

    def start(self, name, attrs):
        pass

    def visible(self):
        return True

    def emit(self, text):
        if self.length < MAX_TEXT_CHARS * 2:
            self.out.append(text)
            self.length += len(text)

    def text(self):
        return "".join(self.out)


class WordHandler(TextHandler):
    text_elements = frozenset({(W, "t")})
    skipped = frozenset(
        {(W, "del"), (W, "moveFrom"), (W, "instrText"), (W, "delText"), (MC, "Fallback")}
        | {(W, "sdtPr"), (W, "pPrChange"), (W, "rPrChange"), (W, "commentReference")}
    )
    breaks = {
        (W, "p"): "\n",
        (W, "tc"): "\n",
        (W, "footnote"): "\n",
        (W, "endnote"): "\n",
        (W, "txbxContent"): "\n",
    }
    tabs = {(W, "tab"): " ", (W, "br"): "\n", (W, "cr"): "\n", (W, "noBreakHyphen"): "-"}

    def __init__(self):
        super().__init__()
        self.fields = []  # per open complex field: True while in its instruction
        self.hidden_run = False
        self.in_run_properties = False

    def skip(self, name, attrs):
        if name in ((W, "footnote"), (W, "endnote")) and attrs.get((W, "type")):
            return True  # separators, not notes
        return name in self.skipped

    def start(self, name, attrs):
        if name == (W, "r"):
            self.hidden_run = False
        elif name == (W, "rPr"):
            self.in_run_properties = True
        elif name == (W, "vanish") and self.in_run_properties:
            self.hidden_run = attrs.get((W, "val"), "true") not in ("0", "false", "off")
        elif name == (W, "fldChar"):
            kind = attrs.get((W, "fldCharType"))
            if kind == "begin":
                self.fields.append(True)
            elif kind == "separate" and self.fields:
                self.fields[-1] = False
            elif kind == "end" and self.fields:
                self.fields.pop()
        elif name in self.tabs and self.visible():
            self.emit(self.tabs[name])
        elif name == (W, "txbxContent"):
            self.emit("\n")  # a text box anchored in the middle of a line

    def endElementNS(self, name, qname):
        if name == (W, "rPr") and not self.skipping:
            self.in_run_properties = False
        super().endElementNS(name, qname)

    def visible(self):
        return not self.hidden_run and not any(self.fields)


# Style properties that hide what uses the style: (attribute, its hiding values).
HIDING_PROPERTIES = {
    (STYLE, "text-properties"): ((TEXT, "display"), ("none",)),
    (STYLE, "table-properties"): ((TABLE, "display"), ("false",)),
}


class OpenDocumentHandler(TextHandler):
    text_elements = frozenset({(TEXT, "p"), (TEXT, "h")})
    skipped = frozenset(
        {(TEXT, "tracked-changes"), (OFFICE, "annotation"), (TEXT, "note-citation")}
        | {(SVG, "desc"), (SVG, "title"), (TEXT, "index-title-template")}
        | {(TEXT, name) for name in ("sequence-decls", "variable-decls", "user-field-decls")}
        | {(OFFICE, "scripts"), (OFFICE, "forms"), (OFFICE, "event-listeners")}
    )

    def __init__(self, sheets=False):
        super().__init__()
        self.sheets = sheets  # a spreadsheet: its tables are sheets, their names on tabs
        self.style = None
        self.hidden_styles = set()  # automatic styles that hide text, a sheet or a table

    breaks = {
        (TEXT, "p"): "\n",
        (TEXT, "h"): "\n",
        (TABLE, "table-cell"): "\n",
        (TEXT, "note-body"): "\n",
        (DRAW, "frame"): "\n",
    }

    def skip(self, name, attrs):
        # The templates of a table of contents or index (…-source); their body is text.
        if name in self.skipped or (name[0] == TEXT and name[1].endswith("-source")):
            return True
        styles = {attrs.get((TEXT, "style-name")), attrs.get((TABLE, "style-name"))}
        return bool(styles & self.hidden_styles) or self.hidden(name, attrs)

    @staticmethod
    def hidden(name, attrs):
        """Hidden text, sections and spreadsheet rows or columns (by their own attributes)."""
        if name == (TEXT, "hidden-text"):
            return attrs.get((TEXT, "is-hidden")) == "true"
        if name == (TEXT, "section"):
            return attrs.get((TEXT, "display")) == "none"
        return attrs.get((TABLE, "visibility")) in ("collapse", "filter")

    def start(self, name, attrs):
        if name == (TEXT, "s"):
            self.emit(" " * min(int(attrs.get((TEXT, "c"), "1") or 1), 100))
        elif name in ((TEXT, "tab"), (TEXT, "line-break")):
            self.emit(" ")
        elif name in ((DRAW, "frame"), (TEXT, "note-body")):
            self.emit("\n")
        elif name == (TABLE, "table") and self.sheets and attrs.get((TABLE, "name")):
            self.emit(f"\n{attrs[(TABLE, 'name')]}\n")  # a sheet's name, as on its tab
        elif name == (STYLE, "style"):
            self.style = attrs.get((STYLE, "name"))
        elif (
            name in HIDING_PROPERTIES
            and attrs.get(HIDING_PROPERTIES[name][0]) in (HIDING_PROPERTIES[name][1])
        ):
            self.hidden_styles.add(self.style)


def parse_xml(data, handler):
    parser = make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    parser.parse(BytesIO(data))
    return handler.text()


def word_parts(path):
    archive = open_zip(path)
    if archive is None:
        raise ValueError("not a readable zip container")
    main = main_document_part(archive)
    if main is None:
        raise ValueError("no main document part in the package relationships")
    parts = [main]
    for kind, targets in relationships(archive, main).items():
        if kind.endswith(NOTE_RELATIONSHIPS):
            parts += [name for name in targets if name in archive.namelist()]
    text = "\n".join(parse_xml(read_part(archive, name), WordHandler()) for name in parts)
    yield Part("tekst", text)


def open_document_parts(path, sheets=False):
    archive = open_zip(path)
    if archive is None:
        raise ValueError("not a readable zip container")
    handler = OpenDocumentHandler(sheets=sheets)
    yield Part("tekst", parse_xml(read_part(archive, "content.xml"), handler))


def spreadsheet_parts(path):
    """Opens the workbook now; reads the sheets as they are asked for."""
    # Imported here: each reader loads only its own library, so the child starts quickly.
    from openpyxl import load_workbook  # noqa: PLC0415

    return _sheets(load_workbook(path, read_only=True, data_only=True))


def _sheets(workbook):
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue  # a hidden sheet: not what a reader sees
            cells = []
            for row in sheet.iter_rows(values_only=True):
                cells += [str(value) for value in row if value not in (None, "")]
            yield Part(f"blad {sheet.title}", f"{sheet.title}\n" + "\n".join(cells))
    finally:
        workbook.close()


# --- PDF ------------------------------------------------------------------------------

LOCKED_PDF_MESSAGE = (
    "Dit PDF-bestand heeft een wachtwoord nodig om te openen. Bezoekers kunnen het dan "
    "niet lezen. Sla het op zonder wachtwoord (in Adobe Acrobat: Bestand > Eigenschappen "
    "> Beveiliging > Geen beveiliging; of druk het af naar een nieuwe PDF) en upload het "
    "opnieuw."
)


def open_pdf(path):
    """A PdfReader, decrypted with the empty password when it is encrypted.
    Raises Refused when the file needs a password to open."""
    from pypdf import PasswordType, PdfReader  # noqa: PLC0415 - see spreadsheet_parts

    reader = PdfReader(path)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise Refused(LOCKED_PDF_MESSAGE)
    return reader


def pdf_parts(path, first=0):
    """Opens the file now (Refused for a locked PDF); reads the pages as they are asked for."""
    return _pdf_pages(open_pdf(path), first)


def _pdf_pages(reader, first):
    for number, page in enumerate(reader.pages[first:], start=first + 1):
        try:
            yield Part(f"pagina {number}", page.extract_text() or "")
        except MemoryError:
            yield Part(f"pagina {number}", problem="te groot om te lezen")
        except Exception as error:  # noqa: BLE001 - one bad page must not cost the rest
            yield Part(f"pagina {number}", problem=page_problem(error))


def page_problem(error):
    if isinstance(error, PageTimeout):
        return "het lezen duurde te lang"
    if type(error).__name__ == "LimitReachedError":
        return "te ingewikkeld om te lezen, bijvoorbeeld een gedetailleerde kaart"
    return f"kon niet gelezen worden ({type(error).__name__})"


READERS = {
    "pdf": pdf_parts,
    "docx": word_parts,
    "odt": open_document_parts,
    "ods": functools.partial(open_document_parts, sheets=True),
    "xlsx": spreadsheet_parts,
}


# --- The child process ------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    page_seconds: float = 10
    total_seconds: float = 60
    memory_mb: int = 1024


class PageTimeout(Exception):
    pass


def child_main(argv):
    """Run one reader and write one JSON line per part to stdout.
    argv: PATH EXTENSION FIRST_PAGE PAGE_SECONDS MEMORY_MB."""
    path, extension, first, page_seconds, memory_mb = argv
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def too_slow(signum, frame):
        raise PageTimeout

    # The limit counts the CPU time the page costs (ITIMER_PROF), not the clock: a machine
    # busy with other work must not cost pages; a page that is heavy to read still does.
    signal.signal(signal.SIGPROF, too_slow)
    reader = READERS[extension]
    kwargs = {"first": int(first)} if extension == "pdf" else {}
    # Opening (and a PDF's decryption) is not a page: the parent's hard stop bounds it.
    try:
        parts = iter(reader(path, **kwargs))
    except Refused as error:
        return report({"refused": str(error)})
    except Exception as error:  # noqa: BLE001 - reported to the parent, which logs it
        return report({"error": f"{type(error).__name__}: {error}"})
    length = 0
    while True:
        if length >= MAX_TEXT_CHARS:
            return report({"full": True})  # search keeps no more: don't read 900 pages
        signal.setitimer(signal.ITIMER_PROF, float(page_seconds))
        try:
            part = next(parts)
        except StopIteration:
            break
        except Refused as error:
            return report({"refused": str(error)})
        except PageTimeout:
            return report({"timeout": True})
        except Exception as error:  # noqa: BLE001 - reported to the parent, which logs it
            return report({"error": f"{type(error).__name__}: {error}"})
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        report({"label": part.label, "text": part.text, "problem": part.problem})
        length += len(part.text)
    return report({"done": True})


def report(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()
    return 0


def extract(path, extension, limits=Limits()):
    """Extraction of the file at `path` (a local file) read as `extension`.
    Raises Refused (Dutch message) when the file must not be published as it is, and
    ValueError when it cannot be read at all. Never takes longer than about
    limits.total_seconds."""
    if extension not in READERS:
        return Extraction()
    extraction = Extraction()
    deadline = time.monotonic() + limits.total_seconds
    first_page = 0
    while True:
        messages, finished = _run_child(path, extension, first_page, limits, deadline)
        for message in messages:
            if "refused" in message:
                raise Refused(message["refused"])
            if "error" in message:
                raise ValueError(message["error"])
            if "label" in message:
                extraction.parts.append(Part(message["label"], message["text"], message["problem"]))
            extraction.full = extraction.full or bool(message.get("full"))
        if finished:
            return extraction
        # The child stopped in the middle of a part: that part (a PDF page) costs itself.
        stuck = first_page + len([m for m in messages if "label" in m]) + 1
        if extension != "pdf":
            raise ValueError("reading took too long or needed too much memory")
        out_of_time = time.monotonic() >= deadline
        reason = "het lezen duurde te lang" if not out_of_time else "niet gelezen: tijd op"
        extraction.parts.append(Part(f"pagina {stuck}", problem=reason))
        if out_of_time:
            extraction.problem = "Het lezen van het hele bestand duurde te lang."
            return extraction
        first_page = stuck


def _run_child(path, extension, first_page, limits, deadline):
    """Run the child from `first_page`: (messages, finished normally)."""
    command = [
        sys.executable, "-m", "website.documents.extraction", os.fspath(path), extension,
        str(first_page), str(limits.page_seconds), str(limits.memory_mb),
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=PROJECT_ROOT
    )
    messages = []
    # The child stops a page itself after page_seconds; this is the hard stop for a page
    # stuck outside Python code (and for the document's total time).
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        page_deadline = time.monotonic() + limits.page_seconds + 5
        while True:
            wait = min(deadline, page_deadline) - time.monotonic()
            if wait <= 0 or not selector.select(timeout=wait):
                process.kill()
                break
            line = process.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            if message.get("timeout"):
                break
            messages.append(message)
            page_deadline = time.monotonic() + limits.page_seconds + 5
            if {"done", "full", "refused", "error"} & message.keys():
                process.wait()
                return messages, True
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    if process.poll() is None:
        process.kill()
    return messages, False


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
