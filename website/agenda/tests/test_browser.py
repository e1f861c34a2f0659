"""The agenda in a real browser: axe at 320 and 1280 px, and signing up by keyboard only,
without JavaScript."""

import pytest
from playwright.sync_api import expect

from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage, Registration
from website.seed.translations import translate_page

pytestmark = pytest.mark.browser


@pytest.fixture
def open_event(seeded_live):
    agenda = AgendaIndexPage.objects.get()
    page = EventPageFactory(parent=agenda, title="Alliantiedag Beilen", kind="alliantiedag")
    date = add_date(
        page,
        days=14,
        registration_open=True,
        capacity=20,
        venue_name="Dorpshuis",
        city="Beilen",
        province="drenthe",
    )
    add_date(
        page,
        days=21,
        city="Roermond",
        province="limburg",
        status="afgelast",
        status_note="Te weinig aanmeldingen.",
    )
    return page, date


def check(browser, path, width):
    browser.open(path)
    assert browser.axe_violations() == [], path
    assert browser.external_requests() == []
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, path


@pytest.mark.parametrize("width", [320, 1280])
def test_accessible_at_both_widths(seeded_live, open_event, open_browser, width):
    """An upcoming event and its sign-up form (empty, with errors, sent), in Dutch and in
    Arabic: right to left, the site's words and dates in Arabic, an event without a
    translation in Dutch (marked lang="nl"). The agenda and its archive in Dutch are in the
    every-page test."""
    page, date = open_event
    browser = open_browser(seeded_live.url, width=width)
    check(browser, page.url, width)
    signup = date.signup_url()
    check(browser, signup, width)  # empty form

    browser.page.click("text=Verstuur je aanmelding")  # error state (server-side)
    expect(browser.page.locator(".error-summary")).to_be_visible()
    assert browser.axe_violations() == []
    assert browser.page.evaluate("document.activeElement.classList.contains('error-summary')")

    browser.page.fill("#id_name", "Jan Jansen")
    browser.page.fill("#id_email", "jan@example.org")
    browser.page.click("text=Verstuur je aanmelding")  # success state
    expect(browser.page.locator("h1")).to_have_text("Je bent aangemeld")
    assert browser.axe_violations() == []

    translate_page(page.get_parent(), "ar", {"Agenda": "الأجندة"})
    arabic, _missing = translate_page(page, "ar", {page.title: "يوم التحالف في بيلن"})
    add_date(EventPageFactory(parent=page.get_parent(), title="Bijeenkomst Zwolle"), days=20)
    for path in ["/ar/agenda/", arabic.url, f"{arabic.url}aanmelden/{date.pk}/"]:
        check(browser, path, width)
        assert browser.page.evaluate("document.documentElement.dir") == "rtl"
    browser.page.click("main button[type=submit]")  # error state (server-side)
    expect(browser.page.locator(".error-summary")).to_be_visible()
    assert browser.axe_violations() == []


def test_sign_up_with_the_keyboard_only_and_without_javascript(
    seeded_live, open_event, open_browser
):
    page, date = open_event
    browser = open_browser(seeded_live.url, javascript=False)
    browser.open(page.url)
    keyboard = browser.page.keyboard

    # Skip the header, then the first date's links: sign-up first, then its calendar file.
    browser.tab_to(".skip-link")
    keyboard.press("Enter")
    browser.tab_to("a:has-text('Meld je aan voor')")
    browser.tab_to("a:has-text('Zet in je agenda (') >> nth=0")
    keyboard.press("Shift+Tab")
    keyboard.press("Enter")
    expect(browser.page.locator("h1")).to_have_text("Aanmelden voor Alliantiedag Beilen")

    browser.page.focus("#id_name")
    keyboard.type("Sanne de Boer")
    browser.tab_to("#id_email")
    keyboard.type("sanne@example.org")
    browser.tab_to("#id_organisation")
    keyboard.type("Humanitas")
    for field in ("#id_access_needs", "#id_dietary_wishes", "#id_needs_consent"):
        browser.tab_to(field)
    browser.tab_to("main button[type=submit]")
    keyboard.press("Enter")
    expect(browser.page.locator("h1")).to_have_text("Je bent aangemeld")
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Sanne de Boer", "Humanitas")
