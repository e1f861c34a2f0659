"""Reads the old site's text export into sections and paragraphs.

The export is plain text: pages are separated by a line "Afdrukken" (the old print link),
paragraphs by blank lines, list items start with a bullet or a number. Which paragraphs are
headings cannot be told from the text alone, so the seed configuration names them.
"""

import re
from dataclasses import dataclass, field

PAGE_SEPARATOR = "Afdrukken"
BULLET = re.compile(r"^\s*[•\-\*]\s+(?P<text>.+)$")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+(?P<text>.+)$")
IMAGE_MARKER = re.compile(r"^(logo[\s-]\S.*|[a-z]+-\d+|mailadres\d*)$")


def clean_line(line):
    return re.sub(r"[ \t\u00a0]+", " ", line.replace("\u200b", "")).rstrip()


def spelled_as(line, names):
    """`line` with every case-insensitive, whole-word occurrence of one of `names` written
    exactly as that name is given."""
    for name in names:
        line = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", lambda _m, n=name: n, line, flags=re.I)
    return line


@dataclass
class Paragraph:
    lines: list[str]

    @property
    def text(self):
        return " ".join(line.strip() for line in self.lines)


@dataclass
class ListBlock:
    items: list[str]
    ordered: bool = False


@dataclass
class ImageMarker:
    name: str


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)

    def paragraphs(self):
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    def split(self, headings):
        """Blocks before the first heading, then {heading: blocks} for the named headings."""
        intro, parts, current = [], {}, None
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.text in headings:
                current = parts.setdefault(block.text, [])
                continue
            (intro if current is None else current).append(block)
        return intro, parts


class SeedDocument:
    def __init__(self, sections):
        self.sections = sections

    @classmethod
    def from_text(cls, text, names=()):
        """The document in `text`; each of `names` (the network's own) is written as given
        wherever the old text wrote it in other capitals ("De sociale Alliantie")."""
        chunks, current = [], []
        for raw in text.splitlines():
            line = spelled_as(clean_line(raw), names)
            if line.strip() == PAGE_SEPARATOR:
                chunks.append(current)
                current = []
            else:
                current.append(line)
        chunks.append(current)
        return cls([section for chunk in chunks if (section := _parse_chunk(chunk))])

    def section(self, title):
        for section in self.sections:
            if section.title == title:
                return section
        raise KeyError(f"The seed has no section titled {title!r}")

    def paragraph_after(self, heading):
        """The paragraph that follows a heading anywhere in the seed (e.g. 'Adres')."""
        for section in self.sections:
            blocks = [section.title and Paragraph([section.title]), *section.blocks]
            for block, following in zip(blocks, blocks[1:], strict=False):
                is_heading = isinstance(block, Paragraph) and block.text == heading
                if is_heading and isinstance(following, Paragraph):
                    return following
        raise KeyError(f"The seed has no heading {heading!r} followed by text")

    def image_markers(self):
        return [
            block.name
            for section in self.sections
            for block in section.blocks
            if isinstance(block, ImageMarker)
        ]


def parse_blocks(lines):
    """Lines of text as blocks (Paragraph, ListBlock, ImageMarker): a blank line ends one,
    list items start with a bullet or a number. The seed's one way to read text."""
    return [block for block in map(_parse_block, _groups(lines)) if block is not None]


def _parse_chunk(lines):
    blocks = parse_blocks(lines)
    # Leading image markers (a logo above the title) are not the title.
    while blocks and isinstance(blocks[0], ImageMarker):
        blocks.pop(0)
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None
    title = blocks.pop(0).text
    return Section(title=title, blocks=blocks)


def _groups(lines):
    group = []
    for line in lines:
        if line.strip():
            group.append(line)
        elif group:
            yield group
            group = []
    if group:
        yield group


def _parse_block(lines):
    first = lines[0].strip()
    if len(lines) == 1 and IMAGE_MARKER.match(first):
        return ImageMarker(first)
    if len(lines) == 1 and first.lower().startswith("logo ") and "logo " in first[5:]:
        # A row of logos written out as their alt texts: "logo cnvlogo cordaid..."
        return ImageMarker(first)
    if BULLET.match(lines[0]) or NUMBERED.match(lines[0]):
        return _parse_list(lines)
    return Paragraph([line.strip() for line in lines])


def _parse_list(lines):
    ordered = bool(NUMBERED.match(lines[0]))
    pattern = NUMBERED if ordered else BULLET
    items = []
    for line in lines:
        match = pattern.match(line)
        if match:
            items.append(match["text"].strip())
        elif items:  # an indented continuation of the previous item
            items[-1] = f"{items[-1]} {line.strip()}"
    return ListBlock(items=items, ordered=ordered)
