"""Helpers for tests in every app."""

import re
from xml.etree import ElementTree

import html5lib
from django.test import SimpleTestCase

# Django's HTML-aware assertions outside a TestCase class: they compare parsed HTML, so
# attribute order and whitespace don't matter, and `count=` says how often a piece occurs.
_django = SimpleTestCase()
assert_in_html = _django.assertInHTML
assert_contains = _django.assertContains
assert_not_contains = _django.assertNotContains


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


def find_all(content, tag, class_=None, **attributes):
    """The `tag` elements in `content` (a response, an HTML string or an element), parsed by
    html5lib, in document order. `class_` must be one of an element's classes; every other
    keyword must equal the attribute of that name (`aria_label` means aria-label)."""
    if hasattr(content, "content"):
        content = content.content.decode()
    if isinstance(content, str):
        content = html5lib.parse(content, namespaceHTMLElements=False)
    wanted = {name.replace("_", "-"): value for name, value in attributes.items()}
    return [
        element
        for element in content.iter(tag)
        if (class_ is None or class_ in element.get("class", "").split())
        and all(element.get(name) == value for name, value in wanted.items())
    ]


def find_one(content, tag, class_=None, **attributes):
    """The only element `find_all` finds; fails when there are none or several."""
    found = find_all(content, tag, class_, **attributes)
    assert len(found) == 1, f"{len(found)} <{tag}> elements with {class_=} {attributes}"
    return found[0]


def outer_html(element):
    """An element found by `find_all` as HTML again, for `assert_in_html` within it."""
    return ElementTree.tostring(element, encoding="unicode", method="html")


def text(element):
    """The text of an element and everything in it, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def options(content, name):
    """The choices of the <select name=`name`> in `content`: (value, text, selected) each."""
    select = find_one(content, "select", name=name)
    return [
        (option.get("value"), text(option), option.get("selected") is not None)
        for option in select.iter("option")
    ]


def selected(content, name):
    """The values chosen in the <select name=`name`> in `content`."""
    return [value for value, _text, chosen in options(content, name) if chosen]
