"""The readers, one per format: each yields `Part`s (a page, a sheet, or the whole text) with
the text a reader sees. Run inside the child process of `documents.extraction`; the rules per
format and their sources are in its docstring."""

import functools
from io import BytesIO
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml.sax import make_parser

from .packages import (
    HEADER_RELATIONSHIPS,
    MAX_TEXT_CHARS,
    NOTE_RELATIONSHIPS,
    PageTimeout,
    Part,
    Refused,
    main_document_part,
    open_zip,
    read_part,
    relationships,
)

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
        if kind.endswith(NOTE_RELATIONSHIPS + HEADER_RELATIONSHIPS):
            parts += [name for name in targets if name in archive.namelist()]
    texts = (parse_xml(read_part(archive, name), WordHandler()) for name in parts)
    yield Part("tekst", "\n".join(dict.fromkeys(text for text in texts if text.strip())))


def open_document_parts(path, sheets=False):
    archive = open_zip(path)
    if archive is None:
        raise ValueError("not a readable zip container")
    handler = OpenDocumentHandler(sheets=sheets)
    texts = [parse_xml(read_part(archive, "content.xml"), handler)]
    if not sheets and "styles.xml" in archive.namelist():
        # A text's headers and footers live in its master pages (OpenDocument 1.3 part 3
        # §16.9); a spreadsheet's are print settings, not what a reader sees on screen.
        texts.append(parse_xml(read_part(archive, "styles.xml"), OpenDocumentHandler()))
    yield Part("tekst", "\n".join(text for text in texts if text.strip()))


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
    form = form_part(reader)
    if form is not None:
        yield form


FORM_FIELD_TYPES = ("/Tx", "/Ch")  # text and choice fields; a ticked box says "/Yes"


def form_part(reader):
    """The values filled in the PDF's form fields (ISO 32000-2 §12.7: every viewer shows
    them, but they are not in the pages' text), as one part "formuliervelden"; a part with a
    problem for an XFA form without such fields (only Adobe's own reader draws it); None for
    a PDF without a form."""
    try:
        fields = reader.get_fields() or {}
        values = []
        for field in fields.values():
            value = field.get("/V")
            if field.get("/FT") not in FORM_FIELD_TYPES or value in (None, ""):
                continue
            values += [str(item) for item in value] if isinstance(value, list) else [str(value)]
        if values:
            return Part("formuliervelden", "\n".join(values))
        if "/XFA" in (reader.trailer["/Root"].get("/AcroForm") or {}):
            return Part("formulier", problem="een XFA-formulier, dat alleen Adobe Reader toont")
    except Exception as error:  # noqa: BLE001 - the pages' text stays
        return Part("formuliervelden", problem=page_problem(error))
    return None


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
