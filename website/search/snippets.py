"""Text snippets around the words someone searched for, with those words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 240


def search_terms(query):
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1][:10]


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
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - SNIPPET_CHARS // 3) if match else 0
    if start:  # begin at a whole word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (match.start() if match else start) else start
    fragment = text[start : start + SNIPPET_CHARS]
    # Mark the matches in the raw text, escaping each piece: entities stay intact.
    pieces, position = [], 0
    for found in pattern.finditer(fragment) if pattern else []:
        pieces.append(escape(fragment[position : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        position = found.end()
    pieces.append(escape(fragment[position:]))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped
