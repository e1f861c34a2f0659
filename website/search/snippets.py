"""Text snippets around the words someone searched for, with those words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from website.text import fold

from .backends import alternative_names

SNIPPET_CHARS = 240


def search_terms(query):
    """The words to mark for `query`: folded, lower case, with a place's other names
    ("friesland" marks "Fryslân" too; backends.alternative_names)."""
    words = re.findall(r"\w+", fold(query).lower())
    names = alternative_names()
    spans = [" ".join(words[at : at + length]) for length in (1, 2, 3) for at in range(len(words))]
    others = [word for span in spans for other in names.get(span, []) for word in other.split()]
    return [term for term in dict.fromkeys(words + others) if len(term) > 1][:10]


PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


def folded_with_positions(text):
    """(`text` folded as search compares it, for each folded character the index of the
    character in `text` it came from, plus len(text) at the end). Folding may change the
    length ("ĳ" → "ij", "e" + U+0301 → "e"): matches in the folded text are marked in the
    text as written. Printable ASCII folds to itself, so only the other characters are folded
    one by one (a document's text is up to 100,000 characters, per search result)."""
    folded = fold(text)
    if len(folded) == len(text):  # the usual case: at most precomposed accents dropped
        return folded, range(len(text) + 1)
    pieces, positions, position = [], [], 0
    for run in [*PRINTABLE_ASCII.finditer(text), None]:
        end = run.start() if run else len(text)
        for index in range(position, end):  # characters outside printable ASCII
            piece = fold(text[index])
            pieces.append(piece)
            positions.extend([index] * len(piece))
        if run:
            pieces.append(run.group())
            positions.extend(range(run.start(), run.end()))
            position = run.end()
    positions.append(len(text))
    return "".join(pieces), positions


def stem(term):
    """A crude Dutch stem, good enough to mark 'schuld' when 'schulden' was searched."""
    for suffix in ("eren", "en", "es", "s", "e"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def searchable_text(page):
    """The page's own words (no rendering), and the words in its files when it has them."""
    parts = [getattr(page, "introduction", "")]
    body = getattr(page, "body", None)
    if body:
        parts.extend(str(text) for text in body.stream_block.get_searchable_content(body))
    if callable(getattr(page, "file_text", None)):
        parts.append(page.file_text(cached=True))  # a snippet for every hit: no queries
    return " ".join(" ".join(parts).split())


def snippet(page, query):
    text = searchable_text(page)
    stems = [stem(term) for term in search_terms(query)]
    if not text:
        return ""
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)
        if stems
        else None
    )
    folded, positions = folded_with_positions(text)
    matches = [
        (positions[found.start()], positions[found.end()])
        for found in (pattern.finditer(folded) if pattern else [])
    ]
    first = matches[0][0] if matches else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:  # begin at a whole word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + SNIPPET_CHARS
    # Mark the matches in the raw text, escaping each piece: entities stay intact.
    pieces, position = [], start
    for match_start, match_end in matches:
        if match_start < start or match_end > end:
            continue
        pieces.append(escape(text[position:match_start]))
        pieces.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        position = match_end
    pieces.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped
