"""Library filters and search results in a real browser, at 320 and 1280 px."""

import pytest

from website.library.factories import PublicationPageFactory, attach, make_document, pdf_bytes
from website.library.models import LibraryIndexPage

pytestmark = pytest.mark.browser

# States beyond the one page per type that core's every-page test checks: a filtered list,
# results for another word, and no results.
PATHS = [
    "/documenten/?soort=reactie",
    "/zoeken/?q=schulden",
    "/zoeken/?q=xyzzyq",
]


@pytest.mark.parametrize("width", [320, 1280])
def test_accessible_and_local_only(seeded_site, open_browser, width):
    browser = open_browser(seeded_site.url, width=width)
    for path in PATHS:
        browser.open(path)
        assert browser.axe_violations() == [], path
        overflow = browser.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    assert browser.external_requests() == []


def test_search_from_the_header_with_the_keyboard(seeded_site, open_browser):
    browser = open_browser(seeded_site.url, javascript=False)
    browser.open("/")
    browser.page.focus("#site-search-q")
    browser.page.keyboard.type("schulden")
    browser.page.keyboard.press("Enter")
    browser.page.wait_for_url("**/zoeken/?q=schulden")
    assert "Verbeterpunten schuldhulpverlening" in browser.page.inner_text("main")


@pytest.mark.parametrize("width", [320, 1280])
def test_a_download_reads_with_a_space_before_its_type_and_size(seeded_live, open_browser, width):
    page = PublicationPageFactory(parent=LibraryIndexPage.objects.get(), title="Armoedemonitor")
    attach(page, make_document("monitor.pdf", pdf_bytes("Armoede in cijfers"), title="Monitor"))
    browser = open_browser(seeded_live.url, width=width)
    browser.open(page.url)
    link = browser.page.locator(".downloads a").first
    assert link.inner_text().startswith("Monitor (PDF, ")
    box = link.bounding_box()
    assert box["height"] >= 44  # still a large enough target
