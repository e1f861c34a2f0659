"""Endorsing in a real browser: axe at 320 and 1280 px on the manifesto with its names, the
form (empty and with errors) and the "check your mail" page, by keyboard."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from website.endorsements.models import Endorsement
from website.library.factories import PublicationPageFactory
from website.library.models import LibraryIndexPage
from website.mail.models import OutgoingEmail

pytestmark = pytest.mark.browser


def problems(browser):
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return browser.axe_violations() + ([f"{overflow}px sideways"] if overflow > 0 else [])


def test_endorsing_is_accessible_and_works_with_the_keyboard(seeded_live, open_browser):
    manifesto = PublicationPageFactory(
        parent=LibraryIndexPage.objects.get(locale__language_code="nl"),
        title="Manifest: werk dat loont",
        kind="manifest",
        endorsements_open=True,
        body=[("paragraph", RichText("<p>Wie werkt, moet rond kunnen komen.</p>"))],
    )
    Endorsement.objects.create(
        page=manifesto,
        name="Олена Коваленко",
        place="Utrecht",
        email="olena@example.org",
        status=Endorsement.Status.CONFIRMED,
        approved=True,
    )
    for width in (320, 1280):
        browser = open_browser(seeded_live.url, width=width)
        browser.open(manifesto.url)
        expect(browser.page.locator(".endorsements")).to_contain_text("Олена Коваленко (Utrecht)")
        assert problems(browser) == [], width
        browser.page.click("text=Ik steun dit")
        browser.page.click("main button[type=submit]")
        expect(browser.page.locator(".error-summary")).to_be_focused()
        assert problems(browser) == [], width

    keyboard = browser.page.keyboard
    browser.page.focus("#id_name")
    keyboard.type("Sanne de Boer")
    browser.tab_to("#id_organisation")
    browser.tab_to("#id_place")
    keyboard.type("Zwolle")
    browser.tab_to("#id_email")
    keyboard.type("sanne@example.org")
    browser.tab_to("#id_show_name_0")
    keyboard.press("ArrowDown")  # only counted
    browser.tab_to("main button[type=submit]")
    keyboard.press("Enter")
    expect(browser.page.locator("h1")).to_have_text("Kijk in je e-mail")
    assert problems(browser) == []
    waiting = Endorsement.objects.get(email="sanne@example.org")
    assert (waiting.place, waiting.show_name) == ("Zwolle", False)

    # The personal links' pages: confirm, done, the list of names, withdraw, gone.
    browser.open(link_in("bevestigen"))
    expect(browser.page.locator("h1")).to_have_text("Bevestig je steun")
    assert problems(browser) == []
    browser.page.click("main button[type=submit]")
    expect(browser.page.locator("h1")).to_have_text("Bedankt voor je steun")
    assert problems(browser) == []
    browser.open(manifesto.url + "steun/namen/")
    expect(browser.page.locator("main")).to_contain_text("Олена Коваленко (Utrecht)")
    assert problems(browser) == []
    withdraw = link_in("intrekken")
    browser.open(withdraw)
    expect(browser.page.locator("h1")).to_have_text("Wil je je steun intrekken?")
    assert problems(browser) == []
    browser.page.click("main button[type=submit]")
    expect(browser.page.locator("h1")).to_have_text("Je steun is ingetrokken")
    assert problems(browser) == []
    assert browser.page.goto(seeded_live.url + withdraw).status == 404
    expect(browser.page.locator("h1")).to_have_text("Deze link werkt niet (meer)")
    assert problems(browser) == []


def link_in(route):
    """The path of the newest personal link to `route` in the stored mails."""
    for message in OutgoingEmail.objects.order_by("-pk"):
        if found := re.search(rf"https?://[^/\s]+(/\S+/steun/{route}/[\w-]+/)", message.body):
            return found.group(1)
    raise AssertionError(f"no {route} link in the outbox")
