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
  viewer does (ISO 32000-2 §7.6.4). The values filled in its form fields (text and choice,
  §12.7) are a part of their own after the pages; an XFA form without such fields is
  named as skipped.
- DOCX: WordprocessingML (ECMA-376 part 1) read with a SAX parser (defusedxml): the main
  part found through the package relationships (ECMA-376 part 2, OPC), notes included;
  deleted text (w:del, w:moveFrom), field instructions (w:instrText, between fldChar
  begin and separate), hidden text (w:vanish), comments and mc:Fallback copies left out.
- ODT/ODS: OpenDocument 1.3 content.xml, with tracked changes, annotations, note
  citations, index templates and alt texts left out; notes and text boxes included; a
  text's headers and footers from styles.xml's master pages.
- XLSX: openpyxl (values as last calculated, no comments).
No library did all of this (docs/architecture.md, "Document text"): mammoth drops the
text of simple fields, docx2python doubles text boxes, odfdo includes comments.
"""

import contextlib
import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from website.text import normalise

from .packages import MAX_TEXT_CHARS, PageTimeout, Part, Refused
from .readers import READERS

PROJECT_ROOT = Path(__file__).resolve().parents[2]


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


# --- The child process ------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    page_seconds: float = 10
    total_seconds: float = 60
    memory_mb: int = 1024


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
