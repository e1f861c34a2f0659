"""Helpers for tests in every app."""

import re

import html5lib


def main_content(response):
    """The HTML inside <main>, so header and footer (e.g. the logo strip) don't interfere."""
    content = response.content.decode()
    start = content.index("<main")
    return content[start : content.index("</main>", start)]


def assert_valid_html(content):
    """The HTML5 parser reports no parse errors (unclosed tags, bad nesting, stray ends)."""
    html5lib.HTMLParser(strict=True).parse(content)


def card_titles(content):
    """The titles of the cards (lists, results, related items) in `content`, in order."""

    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', content)
