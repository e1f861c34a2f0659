"""Stories, the story form and the contact form in a real browser: axe at 320 and 1280 px
in their empty, error and success states, and both forms sent with the keyboard only."""

import pytest
from playwright.sync_api import expect

from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage, StorySubmission

pytestmark = pytest.mark.browser


def no_violations(browser, label):
    assert browser.axe_violations() == [], label
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, label


@pytest.mark.parametrize("width", [320, 1280])
def test_stories_and_forms_in_every_state(seeded_live, open_browser, width):
    index = StoryIndexPage.objects.get(locale__language_code="nl")
    story = StoryPageFactory(parent=index, title="Elke maand tekort")
    browser = open_browser(seeded_live.url, width=width)
    page = browser.page
    for path in (index.url, story.url, "/privacyverklaring/"):
        browser.open(path)
        no_violations(browser, path)

    browser.open(index.url + "deel-je-verhaal/")
    no_violations(browser, "story form empty")
    page.click("text=Verstuur je verhaal")
    expect(page.locator(".error-summary")).to_be_visible()
    no_violations(browser, "story form errors")
    page.fill("#id_story", "Ik kom elke maand tekort.")
    page.check("#id_consent_website")
    page.click("text=Verstuur je verhaal")
    expect(page.locator("h1")).to_have_text("Bedankt voor je verhaal")
    no_violations(browser, "story form success")

    browser.open("/contact/")
    no_violations(browser, "contact empty")
    page.click("text=Verstuur je bericht")
    expect(page.locator(".error-summary")).to_be_visible()
    no_violations(browser, "contact errors")
    page.fill("#id_je_naam", "Kees")
    page.fill("#id_je_e_mailadres", "kees@example.org")
    page.fill("#id_je_bericht", "Hallo")
    page.click("text=Verstuur je bericht")
    expect(page.locator("h1")).to_have_text("Bericht verstuurd")
    no_violations(browser, "contact success")
    assert browser.external_requests() == []


def test_story_form_with_the_keyboard_only_and_without_javascript(seeded_live, open_browser):
    index = StoryIndexPage.objects.get(locale__language_code="nl")
    browser = open_browser(seeded_live.url, javascript=False)
    browser.open(index.url + "deel-je-verhaal/")
    page = browser.page
    page.focus("#id_story")
    page.keyboard.type("Mijn verhaal, getypt met het toetsenbord.")
    # Tab enters the radio group at its checked option ('anoniem'); the arrows choose.
    browser.tab_to("#id_name_choice_2")
    page.keyboard.press("ArrowUp")  # 'een schuilnaam'
    page.keyboard.press("ArrowUp")  # 'mijn voornaam'
    expect(page.locator("#id_name_choice_0")).to_be_checked()
    browser.tab_to("#id_shown_name")
    page.keyboard.type("Els")
    for field in ("#id_place", "#id_show_place", "#id_email", "#id_phone", "#id_consent_website"):
        browser.tab_to(field)
    page.keyboard.press("Space")
    expect(page.locator("#id_consent_website")).to_be_checked()
    browser.tab_to("#id_consent_letters")
    browser.tab_to("main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Bedankt voor je verhaal")
    submission = StorySubmission.objects.get()
    assert submission.story == "Mijn verhaal, getypt met het toetsenbord."
    assert submission.consent_website
    assert submission.shown_name


def test_contact_form_with_the_keyboard_only(seeded_live, open_browser):
    browser = open_browser(seeded_live.url, javascript=False)
    browser.open("/contact/")
    page = browser.page
    page.focus("#id_je_naam")
    page.keyboard.type("Kees")
    browser.tab_to("#id_je_e_mailadres")
    page.keyboard.type("kees@example.org")
    browser.tab_to("#id_je_bericht")
    page.keyboard.type("Goedemiddag")
    browser.tab_to("main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Bericht verstuurd")
