"""A "Formulier" page in a real browser: axe at 320 and 1280 px (empty, with errors, sent)
and filled in on a phone with the keyboard only."""

import pytest
from playwright.sync_api import expect

from website.pages.models import HomePage
from website.participation.factories import make_form_page
from website.participation.models import FormAnswer

pytestmark = pytest.mark.browser


def no_problems(browser):
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return browser.axe_violations() + ([f"{overflow}px sideways"] if overflow > 0 else [])


def test_a_form_is_accessible_and_filled_in_with_the_keyboard_on_a_phone(seeded_live, open_browser):
    page = make_form_page(HomePage.objects.get(locale__language_code="nl"))
    for width in (320, 1280):
        browser = open_browser(seeded_live.url, width=width)
        browser.open(page.url)
        assert no_problems(browser) == [], width
        browser.page.click("main button[type=submit]")  # the server's errors
        expect(browser.page.locator(".error-summary")).to_be_focused()
        assert no_problems(browser) == [], width
        assert browser.external_requests() == []

    browser = open_browser(seeded_live.url, width=360)
    browser.open(page.url)
    keyboard = browser.page.keyboard
    browser.page.focus("#id_je_naam")
    keyboard.type("Sanne de Boer")
    browser.tab_to("#id_je_e_mailadres")
    keyboard.type("sanne@example.org")
    browser.tab_to("#id_je_telefoonnummer")
    keyboard.type("06 12345678")
    browser.tab_to("#id_hoe_kom_je_0")
    keyboard.press("ArrowDown")  # radio buttons: arrows choose within the group
    expect(browser.page.locator("#id_hoe_kom_je_1")).to_be_checked()
    browser.tab_to("#id_waar_help_je_mee_0")
    keyboard.press("Space")
    browser.tab_to("#id_waar_help_je_mee_1")
    browser.tab_to("#id_waar_help_je_mee_2")
    keyboard.press("Space")
    browser.tab_to("#id_welke_dag")
    # The date picker's parts (day, month, year, the calendar button) are stops of their own,
    # in the order of the browser's language: typed by hand in the form test, passed here.
    for _stop in range(4):
        keyboard.press("Tab")
        if browser.page.evaluate("document.activeElement.id") == "id_met_hoeveel_mensen":
            break
    expect(browser.page.locator("#id_met_hoeveel_mensen")).to_be_focused()
    keyboard.type("2")
    browser.tab_to("#id_ik_ga_akkoord_met_het_bewaren_van_mijn_antwoorden")
    keyboard.press("Space")
    browser.tab_to("main button[type=submit]")
    keyboard.press("Enter")
    expect(browser.page.locator("h1")).to_have_text("Antwoorden verstuurd")
    assert no_problems(browser) == []
    answer = FormAnswer.objects.get()
    assert answer.form_data["hoe_kom_je"] == "Met de fiets"
    assert answer.form_data["waar_help_je_mee"] == ["Koffie", "Opruimen"]
    assert answer.form_data["welke_dag"] is None
    assert answer.form_data["met_hoeveel_mensen"] == "2"
