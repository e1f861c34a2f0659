import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280])
def test_articles_are_accessible(seeded_site, open_browser, width):
    browser = open_browser(seeded_site.url, width=width)
    for path in (
        "/achtergronden/",
        "/achtergronden/laat-je-niet-gek-maken/",
        "/achtergronden/genadebrood/",
    ):
        browser.open(path)
        assert browser.axe_violations() == [], path
        overflow = browser.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    assert browser.external_requests() == []
