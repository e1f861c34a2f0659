"""Subscribing with double opt-in, confirming, leaving with one click, and what is kept."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from website.core.privacy import erase_personal_data, export_personal_data
from website.mail.models import OutgoingEmail
from website.mail.outbox import mail_to
from website.newsletter.models import CONSENT_VERSION, Subscriber, Suppression, address_hash
from website.newsletter.subscriptions import delete_unconfirmed, unsubscribe_link
from website.testing.utils import find_all, find_one, main_content

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/nieuwsbrief/aanmelden/"


@pytest.fixture
def browser(seeded):
    """A visitor whose browser sends the CSRF token, as a real one does."""
    return Client(enforce_csrf_checks=True)


def token_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def sign_up(browser, **fields):
    form = browser.get(SUBSCRIBE).content.decode()
    data = {"csrfmiddlewaretoken": token_of(form), "email": "an@example.org"} | fields
    with TestCase.captureOnCommitCallbacks(execute=True):
        return browser.post(SUBSCRIBE, data)


def confirmation_link():
    (message,) = [m for m in mail.outbox if "Bevestig" in m.subject]
    return re.search(r"http://testserver(/nieuwsbrief/bevestigen/\S+/)", message.body)[1]


def test_the_short_form_on_cached_pages_signs_up_without_a_token(browser):
    home = browser.get("/")
    assert "Set-Cookie" not in home.headers and "public" in home["Cache-Control"]
    (own,) = find_all(home.content.decode(), "form", "signup-inline")  # no second in the footer
    assert not find_all(own, "input", name="csrfmiddlewaretoken")
    page = browser.get("/wie-zijn-wij/")
    assert "public" in page["Cache-Control"]
    (footer_form,) = find_all(find_one(page.content.decode(), "footer"), "form", "signup-inline")
    assert find_all(footer_form, "input", name="fax_nummer")  # the honeypot

    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = browser.post(SUBSCRIBE, {"email": "\u200ban@example.org\u200f"})
    assert answer.status_code == 302  # no extra step, and no form sent again on Back
    assert answer["Location"] == "/nieuwsbrief/aanmelden/verstuurd/"
    assert Subscriber.objects.get().email == "an@example.org"
    assert len(mail.outbox) == 1

    bot = browser.post(SUBSCRIBE, {"email": "bot@example.org", "fax_nummer": "x"})
    assert bot.status_code == 200 and Subscriber.objects.count() == 1


def test_subscribe_confirm_and_consent_is_recorded(browser):
    answer = sign_up(browser, name="Ánne de Vries & co")
    assert answer.status_code == 302
    assert answer["Location"] == "/nieuwsbrief/aanmelden/verstuurd/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.consented_at is None
    (message,) = mail.outbox
    assert message.to == ["an@example.org"]
    assert message.subject == "Bevestig je aanmelding voor de nieuwsbrief van Sociale Alliantie"
    assert message.body.startswith("Hallo,\n")
    assert "Ánne" not in message.body  # what a visitor types never goes into a mail

    link = confirmation_link()
    # The page the mail's link opens asks for the click; it does not promise another mail.
    confirm_text = main_content(browser.get(link))
    assert "Klik dan op de knop" in confirm_text
    assert "Je krijgt eerst een e-mail" not in confirm_text
    assert "Je krijgt eerst een e-mail" in main_content(browser.get(SUBSCRIBE))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # a mail scanner's GET does nothing
    confirm_page = browser.get(link).content.decode()
    answer = browser.post(link, {"csrfmiddlewaretoken": token_of(confirm_page)})
    assert answer["Location"] == "/nieuwsbrief/bevestigd/"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consented_at is not None
    # A mail says so and how to leave, before any newsletter has come.
    welcome = OutgoingEmail.objects.latest("pk")
    assert welcome.to == ["an@example.org"]
    assert welcome.subject == "Je bent aangemeld voor de nieuwsbrief van Sociale Alliantie"
    leave = re.search(r"http://testserver(/nieuwsbrief/afmelden/\S+/)", welcome.body)[1]
    assert "Afmelden" in main_content(browser.get(leave))
    again = browser.get(link)  # the link followed once more
    assert again.status_code == 200 and "Je bent aangemeld" in main_content(again)


def test_the_same_answer_whatever_the_address_and_no_flood_of_mails(browser):
    first = sign_up(browser, email="AN@example.org ")
    again = sign_up(browser)
    assert first["Location"] == again["Location"]
    assert Subscriber.objects.get().email == "an@example.org"
    assert len(mail.outbox) == 1  # a second confirmation mail at most once an hour

    Subscriber.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2))
    sign_up(browser, name="An")  # new content: not taken for the same form sent twice
    assert len(mail.outbox) == 2

    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    confirmed = sign_up(browser, name="An de Vries")
    assert confirmed["Location"] == first["Location"]
    assert len(mail.outbox) == 2  # nothing to someone already subscribed


def test_invalid_and_hostile_input_keeps_what_was_typed(browser):
    typed = "an@@example.org\x00\u202e"
    answer = sign_up(browser, email=typed, name="x" * 500)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Dit is geen e-mailadres. Kijk of het goed is geschreven" in page
    assert "Gebruik hier maximaal 100 tekens. Nu zijn het er 500." in page
    assert find_one(find_one(page, "main"), "input", name="name").get("value") == "x" * 500
    assert Subscriber.objects.count() == 0

    bot = sign_up(browser, fax_nummer="http://spam.example")
    assert bot.status_code == 200 and Subscriber.objects.count() == 0


def test_too_many_sign_ups_from_one_address_are_refused(browser, settings):
    settings.FORM_RATE_LIMIT = (2, 60)
    answers = [sign_up(browser, email=f"n{n}@example.org").status_code for n in range(3)]
    assert answers == [302, 302, 429]


def test_unsubscribe_with_one_click_erases_the_address(browser, seeded):
    sign_up(browser)
    subscriber = Subscriber.objects.get()
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    link = unsubscribe_link(subscriber, seeded).removeprefix("http://testserver")

    assert "Afmelden" in main_content(browser.get(link))
    assert Subscriber.objects.exists()  # a GET (a link checker) changes nothing
    answer = browser.post(link)  # the button: no CSRF token needed
    assert answer["Location"] == "/nieuwsbrief/afgemeld/"
    assert not Subscriber.objects.exists()
    assert Suppression.objects.filter(email_hash=address_hash("an@example.org")).exists()
    assert not mail_to("an@example.org").exists()
    assert browser.get(link).status_code == 404


def test_a_mail_program_unsubscribes_with_a_one_click_post(seeded):
    subscriber = Subscriber.objects.create(email="b@example.org", status="aangemeld")
    link = unsubscribe_link(subscriber, seeded).removeprefix("http://testserver")
    program = Client(enforce_csrf_checks=True)  # no cookie, no token: RFC 8058
    answer = program.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert not Subscriber.objects.exists()

    forged = f"{link.rstrip('/')[:-3]}abc/"
    one_click = program.post(
        forged, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200  # says nothing about whether the address was known
    assert Client().get(forged).status_code == 404


def test_unconfirmed_sign_ups_are_erased_after_the_set_days(browser, settings):
    sign_up(browser)
    Subscriber.objects.create(email="c@example.org", status="aangemeld")
    later = timezone.now() + datetime.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS + 1)
    assert delete_unconfirmed(now=later) == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["c@example.org"]
    assert not mail_to("an@example.org").exists()


def test_personal_data_export_and_erase_cover_subscribers(browser):
    sign_up(browser, name="Anne")
    exported = export_personal_data("an@example.org")["nieuwsbrief"]
    assert exported[0]["naam"] == "Anne"
    assert exported[0]["versie toestemmingstekst"] == CONSENT_VERSION
    assert erase_personal_data("an@example.org")["nieuwsbrief"] == 1
    assert not Subscriber.objects.exists()


def test_mail_providers_one_click_posts_are_not_rate_limited(seeded, settings):
    """Gmail and Outlook send the one-click posts of many people from a few addresses."""
    settings.FORM_RATE_LIMIT = (2, 60)
    program = Client(enforce_csrf_checks=True)
    for number in range(5):
        subscriber = Subscriber.objects.create(email=f"p{number}@example.org", status="aangemeld")
        link = unsubscribe_link(subscriber, seeded).removeprefix("http://testserver")
        answer = program.post(
            link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert answer.status_code == 200, number
    assert not Subscriber.objects.exists()
    guesses = [
        program.post(f"/nieuwsbrief/afmelden/{n}:geraden/", {"x": 1}).status_code for n in range(4)
    ]
    assert guesses[-1] == 429  # guessing tokens is limited
