import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280])
def test_themes_are_accessible(seeded_site, open_browser, width):
    browser = open_browser(seeded_site.url, width=width)
    for path in ("/themas/", "/themas/schulden/"):
        browser.open(path)
        assert browser.axe_violations() == [], path
    assert browser.external_requests() == []
