import pytest

from website.initiatives.factories import InitiativePageFactory
from website.initiatives.models import InitiativeIndexPage
from website.themes.factories import tag
from website.themes.models import ThemePage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280])
def test_initiatives_are_accessible_and_the_map_leads_to_the_list(seeded_live, open_browser, width):
    overview = InitiativeIndexPage.objects.get()
    tag(
        InitiativePageFactory(parent=overview, title="Samen rond in Beilen", slug="samen-rond"),
        ThemePage.objects.get(title="Schulden"),
    )
    InitiativePageFactory(parent=overview, title="Rotterdam helpt", municipality="GM0599")
    browser = open_browser(seeded_live.url, width=width)
    for path in (overview.url, overview.url + "?provincie=drenthe", overview.url + "samen-rond/"):
        browser.open(path)
        assert browser.axe_violations() == [], path
        overflow = browser.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path

    browser.open(overview.url)
    drenthe = browser.page.get_by_role("link", name="Drenthe 1 initiatief")
    drenthe.focus()
    browser.page.keyboard.press("Enter")
    browser.page.wait_for_url("**?provincie=drenthe")
    cards = browser.page.locator(".initiatives__list .card__title")
    assert cards.all_inner_texts() == ["Samen rond in Beilen"]
    assert browser.external_requests() == []
