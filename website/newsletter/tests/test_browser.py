"""The newsletter in a real browser: from the footer to confirmed and back out, axe at 320 and
1280 px, by keyboard and without JavaScript."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Site

from website.newsletter.models import NewsletterIndexPage, NewsletterPage, Subscriber
from website.newsletter.sending import start_sending
from website.newsletter.subscriptions import unsubscribe_link

pytestmark = pytest.mark.browser
PASSWORD = "een-lang-wachtwoord-voor-de-test"


def no_problems(browser):
    assert browser.axe_violations() == []
    assert browser.external_requests() == []
    overflow = browser.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("width", [320, 1280])
def test_from_the_footer_to_confirmed_and_out_again(seeded_live, open_browser, width):
    browser = open_browser(seeded_live.url, width=width)
    page = browser.page
    browser.open("/wie-zijn-wij/")
    page.fill("footer input[type=email]", "an@example.org")
    page.click("footer .signup-inline button")
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")
    no_problems(browser)

    (message,) = mail.outbox
    confirm = re.search(r"/nieuwsbrief/bevestigen/\S+/", message.body)[0]
    browser.open(confirm)
    no_problems(browser)
    page.click("text=Ja, stuur mij de nieuwsbrief")
    expect(page.locator("h1")).to_have_text("Je bent aangemeld")
    no_problems(browser)

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    leave = unsubscribe_link(subscriber, Site.objects.get(is_default_site=True))
    browser.open(re.search(r"/nieuwsbrief/afmelden/\S+/", leave)[0])
    no_problems(browser)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Je bent afgemeld")
    no_problems(browser)
    assert not Subscriber.objects.exists()


def test_signing_up_with_the_keyboard_only_and_without_javascript(seeded_live, open_browser):
    browser = open_browser(seeded_live.url, javascript=False)
    browser.open("/nieuwsbrief/aanmelden/")
    keyboard = browser.page.keyboard
    browser.tab_to(".skip-link")
    keyboard.press("Enter")
    browser.tab_to("main input[type=email]")
    keyboard.type("kees@example.org")
    keyboard.press("Tab")
    keyboard.type("Kees")
    keyboard.press("Enter")
    expect(browser.page.locator("h1")).to_have_text("Kijk in je mailbox")
    assert Subscriber.objects.get().name == "Kees"


@pytest.mark.parametrize("width", [320, 1280])
def test_a_sent_newsletter_and_the_archive(seeded_live, open_browser, width):
    page = NewsletterPage(
        title="Nieuwsbrief februari",
        slug="februari",
        introduction="Wat er gebeurde en wat eraan komt.",
        body=[
            {"type": "paragraph", "value": '<p data-block-key="a">Beste lezer, welkom.</p>'},
            {"type": "publications", "value": {"heading": "Nieuwe documenten", "count": 3}},
            {"type": "events", "value": {"heading": "Agenda", "count": 3}},
        ],
        live=False,
    )
    NewsletterIndexPage.objects.get().add_child(instance=page)
    page.save_revision()
    start_sending(page)
    browser = open_browser(seeded_live.url, width=width)
    browser.open(page.url)
    expect(browser.page.locator("h2").first).to_have_text("Nieuwe documenten")
    no_problems(browser)
    browser.open(NewsletterIndexPage.objects.get().url)
    expect(browser.page.locator(".card__title")).to_have_text("Nieuwsbrief februari")
    no_problems(browser)


def test_no_action_in_the_editor_makes_a_newsletter_look_sent(seeded_live, open_browser):
    """ "Publiceren" (new page, edit page, bulk) and moderation's "Goedkeuren en publiceren"
    would make a newsletter LIVE without a mail: none of them is offered or works."""
    editor = get_user_model().objects.create_user("redacteur", "r@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Redactie"))
    archive = NewsletterIndexPage.objects.get()
    browser = open_browser(seeded_live.url, width=1280)
    browser.log_in("redacteur", PASSWORD)
    page = browser.page

    browser.open(f"/admin/pages/add/newsletter/newsletterpage/{archive.pk}/")
    publishing = "[name=action-publish], [name=action-submit], [name=action-workflow-action]"
    expect(page.locator("footer button.action-save")).to_be_visible()
    expect(page.locator(publishing)).to_have_count(0)
    page.click("#id_title")
    page.keyboard.type("Nieuwsbrief januari")
    expect(page.locator("#id_slug")).to_have_value("nieuwsbrief-januari")  # after its debounce
    page.click("footer button.action-save")
    expect(page.locator(".messages")).to_contain_text("aangemaakt")
    newsletter = NewsletterPage.objects.get(title="Nieuwsbrief januari")
    expect(page.locator(publishing)).to_have_count(0)
    page.click("footer .w-dropdown-button [aria-haspopup], footer .w-dropdown__toggle")
    expect(page.get_by_text("Verzenden…")).to_be_visible()

    # The bulk action in the page list leaves the newsletter out.
    browser.open(f"/admin/pages/{archive.pk}/")
    page.check(f"input[data-object-id='{newsletter.pk}']")
    page.locator(".bulk-actions-buttons").get_by_text("Publiceren", exact=True).click()
    expect(page.locator("main")).to_contain_text("Nieuwsbrief januari")
    expect(page.locator("main")).to_contain_text(
        "Een nieuwsbrief komt op de site als je hem verstuurt"
    )
    if page.locator("main button[type=submit]").count():
        page.click("main button[type=submit]")
    newsletter.refresh_from_db()
    assert not newsletter.live
    assert not newsletter.sent_at

    # On a phone the list keeps its titles readable ("Nieuwsbrief januari", not a letter or
    # three a line) and scrolls sideways in its own box; the page itself does not.
    page.set_viewport_size({"width": 360, "height": 800})
    browser.open(f"/admin/pages/{archive.pk}/")
    title = page.locator("table.listing td.title").first
    assert title.bounding_box()["width"] >= 150
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = "document.querySelector('table.listing').parentElement"
    assert page.evaluate(f"getComputedStyle({box}).overflowX") == "auto"
