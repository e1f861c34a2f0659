"""The agenda in a real browser: axe at 320 and 1280 px, and signing up by keyboard only,
without JavaScript."""

import pytest

from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage, Registration

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
    page, date = open_event
    browser = open_browser(seeded_live.url, width=width)
    check(browser, "/agenda/", width)
    check(browser, "/agenda/archief/2014/", width)
    check(browser, page.url, width)
    signup = date.signup_url()
    check(browser, signup, width)  # empty form

    browser.page.click("text=Verstuur je aanmelding")  # error state (server-side)
    browser.page.wait_for_selector(".error-summary")
    assert browser.axe_violations() == []
    assert browser.page.evaluate("document.activeElement.classList.contains('error-summary')")

    browser.page.fill("#id_name", "Jan Jansen")
    browser.page.fill("#id_email", "jan@example.org")
    browser.page.click("text=Verstuur je aanmelding")  # success state
    browser.page.wait_for_selector("h1:has-text('Je bent aangemeld')")
    assert browser.axe_violations() == []


def test_sign_up_with_the_keyboard_only_and_without_javascript(
    seeded_live, open_event, open_browser
):
    page, date = open_event
    browser = open_browser(seeded_live.url, javascript=False)
    browser.open(page.url)
    keyboard = browser.page.keyboard

    # Tab to the sign-up link and follow it.
    for _ in range(60):
        keyboard.press("Tab")
        if browser.page.evaluate("document.activeElement.textContent").startswith("Meld je aan"):
            break
    keyboard.press("Enter")
    browser.page.wait_for_selector("#id_name")

    browser.page.focus("#id_name")
    keyboard.type("Sanne de Boer")
    keyboard.press("Tab")
    keyboard.type("sanne@example.org")
    keyboard.press("Tab")
    keyboard.type("Humanitas")
    for _ in range(10):
        keyboard.press("Tab")
        if browser.page.evaluate("document.activeElement.type") == "submit":
            break
    keyboard.press("Enter")
    browser.page.wait_for_selector("h1:has-text('Je bent aangemeld')")
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Sanne de Boer", "Humanitas")
