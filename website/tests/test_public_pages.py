"""Every kind of public page, as the seeded site plus a showcase renders it: valid HTML by the
W3C Nu HTML Checker, one form of address ("je"), no CMS words, no empty lists."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from website.core.errors import error_page_html
from website.core.samples import page_samples
from website.testing.showcase import add_showcase
from website.testing.utils import find_all, find_one, text

pytestmark = [pytest.mark.django_db, pytest.mark.every_page]

# Words that belong to the CMS or to an unfinished site, never to a visitor's page.
EDITOR_WORDS = re.compile(
    r"\b(None|True|False|Standaardpagina|placeholder|nog niet op deze website|nog niets|"
    r"nog geen \w+ (bij|op))\b"
)
FORMAL_ADDRESS = re.compile(r"\b(u|U|uw|Uw)\b")


@pytest.fixture
def every_page(seeded, client):
    """[(name, path, html)] for every sample page, the showcase's pages and a form with
    errors (the story form sent empty)."""
    samples = page_samples(seeded) + add_showcase(seeded)
    pages = []
    for name, path in samples:
        response = client.get(path, follow=True)
        expected = 404 if name.endswith("not-found") else 200
        assert response.status_code == expected, path
        pages.append((name, path, response.content.decode()))
    share = next(path for name, path in samples if name == "story-form")
    refused = client.post(share, {"story": "", "name_choice": "anoniem"})
    pages.append(("story-form-errors", share, refused.content.decode()))
    form = next(path for name, path in samples if name == "formpage-showcase")
    pages.append(("formpage-errors", form, client.post(form, {}).content.decode()))
    endorse = next(path for name, path in samples if name == "endorse-form")
    pages.append(("endorse-form-errors", endorse, client.post(endorse, {}).content.decode()))
    for status in (500, 503):
        pages.append((f"error-{status}", "", error_page_html(status)))
    return pages


def test_every_page_type_is_there(every_page):
    names = {name.split("-")[0] for name, _path, _html in every_page}
    assert {
        "homepage",
        "standardpage",
        "memberdirectorypage",
        "themesindexpage",
        "themepage",
        "agendaindexpage",
        "agenda",  # the archive
        "eventpage",
        "signup",
        "libraryindexpage",
        "publicationpage",
        "campaignpage",
        "talkpage",
        "talksindexpage",
        "storyindexpage",
        "storypage",
        "story",  # the form
        "initiativeindexpage",
        "initiativepage",
        "articleindexpage",
        "articlepage",
        "bookreviewpage",
        "contactpage",
        "formpage",
        "search",
        "site",  # the overview
        "not",  # found
        "error",  # 500 and 503
    } <= names
    assert len(every_page) >= 25


def nu_errors(files):
    """The Nu HTML Checker's errors for `files` ("file:line: message"), in one Java run."""
    jar = os.environ.get("VNU_JAR")
    if not jar:
        pytest.skip("VNU_JAR is not set: `make test` installs the checker and sets it")
    java = shutil.which("java") or pytest.fail("The HTML checker needs Java on the PATH")
    result = subprocess.run(  # noqa: S603 - the checker with our own files
        [java, "-jar", str(Path(jar).resolve()), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


# A tool outside Python: run by `make test` (which installs it), skipped by `make test-fast`.
@pytest.mark.browser
def test_every_page_passes_the_nu_html_checker(every_page, tmp_path):
    files = []
    for number, (name, _path, html) in enumerate(every_page):
        file = tmp_path / f"{number:02d}-{name}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    assert nu_errors(files) == []


@pytest.mark.browser
def test_the_checker_reports_real_errors(tmp_path):
    """Guards the test above against passing vacuously."""
    file = tmp_path / "bad.html"
    file.write_text('<!DOCTYPE html><html lang="nl"><title>x</title><form action=""></form>')
    (error,) = nu_errors([file])
    assert "action" in error


def test_pages_say_je_and_no_cms_words(every_page):
    for name, path, html in every_page:
        if name == "standardpage-privacyverklaring":
            continue  # the privacy statement quotes legal terms; it says "je" too (own test)
        words = text_of_main(html)
        assert not FORMAL_ADDRESS.search(words), (path, FORMAL_ADDRESS.search(words))
        assert not EDITOR_WORDS.search(words), (path, EDITOR_WORDS.search(words))


def test_no_empty_lists(every_page):
    for _name, path, html in every_page:
        for tag in ("ul", "ol"):
            empty = [e for e in find_all(html, tag) if not find_all(e, "li")]
            assert empty == [], (path, [e.attrib for e in empty])


def text_of_main(html):
    return text(find_one(html, "main"))
