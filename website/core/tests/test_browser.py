"""The seeded site in a real browser: accessibility, keyboard, print, and privacy."""

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/wie-zijn-wij/", "/wie-zijn-wij/organisaties/"]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_and_no_requests_to_other_hosts(seeded_site, open_browser, path, width):
    browser = open_browser(seeded_site.url, width=width)
    browser.open(path)
    browser.page.wait_for_load_state("networkidle")

    assert browser.axe_violations() == []
    assert browser.external_requests() == []
    # Nothing may stick out sideways on a small phone.
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_keyboard_skip_link_and_visible_focus(seeded_site, open_browser):
    browser = open_browser(seeded_site.url)
    browser.open("/wie-zijn-wij/")
    page = browser.page

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    outline = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline >= 3
    assert page.is_visible(".skip-link")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # The next Tab stops are inside the content, not back in the header.
    page.keyboard.press("Tab")
    in_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert in_main


def test_directory_filters_work_by_keyboard_without_javascript(seeded_site, open_browser):
    browser = open_browser(seeded_site.url, javascript=False)
    browser.open("/wie-zijn-wij/organisaties/")
    page = browser.page
    page.focus("#filter-soort")
    page.select_option("#filter-soort", "kerken")
    page.focus("text=Toon organisaties")
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisaties/?soort=kerken*")
    titles = page.locator(".card__title").all_inner_texts()
    assert sorted(titles) == ["Cordaid", "Kerk in Actie", "Raad van Kerken in Nederland"]


def test_print_style_drops_navigation_and_footer(seeded_site, open_browser):
    browser = open_browser(seeded_site.url)
    browser.open("/wie-zijn-wij/")
    page = browser.page
    assert page.is_visible(".main-nav")
    assert page.is_visible(".site-footer")
    assert page.is_visible("button[data-print]")  # JavaScript shows the print button

    page.emulate_media(media="print")
    assert not page.is_visible(".main-nav")
    assert not page.is_visible(".site-footer")
    assert not page.is_visible(".page-tools")
    assert page.is_visible("h1")
    # Printed links show where they go.
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.prose a[href]'), '::after').content"
    )
    assert "/wie-zijn-wij/organisaties/" in after


def test_without_javascript_the_print_hint_replaces_the_button(seeded_site, open_browser):
    browser = open_browser(seeded_site.url, javascript=False)
    browser.open("/wie-zijn-wij/")
    assert not browser.page.is_visible("button[data-print]")
    assert browser.page.is_visible("[data-print-hint]")


def test_not_found_page_is_accessible(seeded_site, open_browser):
    browser = open_browser(seeded_site.url, width=320)
    response = browser.page.goto(seeded_site.url + "/bestaat-niet/")
    assert response.status == 404
    assert browser.axe_violations() == []


def test_axe_harness_reports_real_violations(open_browser):
    """Guards the accessibility tests against passing vacuously."""
    browser = open_browser("http://127.0.0.1")
    browser.page.set_content(
        '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#"></a>'
        "</body></html>"
    )
    violations = " ".join(browser.axe_violations())
    assert "image-alt" in violations
    assert "html-has-lang" in violations
