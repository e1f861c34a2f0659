"""Library filters and search results in a real browser, at 320 and 1280 px."""

import pytest

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
