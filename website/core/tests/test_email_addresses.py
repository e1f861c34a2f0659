"""Addresses that must reach a person, once (issue 29): what caps lock on a Turkish keyboard,
a long s or a Kelvin sign make of an address (django/django#6377), and one mailbox typed
with its domain in Unicode and in punycode."""

import email
import email.policy
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase

from website.agenda.tests.signups import post as sign_up_for
from website.core.email_addresses import EmailAddressField, canonical_email, is_deliverable
from website.core.privacy import erase_personal_data, export_personal_data
from website.newsletter.models import Subscriber
from website.pages.models import ContactMessage, ContactPage
from website.stories.factories import make_story_contact
from website.stories.models import StoryContact
from website.testing.utils import find_one, main_content

pytestmark = pytest.mark.django_db

# Each can never be delivered as typed; Django's validator lets all of them through.
UNDELIVERABLE = [
    "ALİ@İZMİR.EXAMPLE",  # Turkish capital dotted I: "i" + U+0307 when lower-cased
    "ali@İzmir.example",
    "ALİ@example.nl",
    "\u017fara@example.nl",  # long s, which folds to "s"
    "hans@gro\u00dfe-stra\u00dfe.example",  # ß: "ss" in IDNA 2003, itself in IDNA 2008
    "zoë@example.nl",  # a non-ASCII local part needs SMTPUTF8
    "jan@m\u00fcller..example",
    "a" * 65 + "@example.nl",  # a local part over RFC 5321's 64
    "jan@localhost",  # no dot: not reachable from the internet
]
# (typed, stored): one mailbox in several spellings, one canonical form.
SAME_MAILBOX = [
    ("Jan@Müller.example", "jan@xn--mller-kva.example"),
    ("jan@xn--mller-kva.example", "jan@xn--mller-kva.example"),
    ("JAN@MÜLLER.EXAMPLE", "jan@xn--mller-kva.example"),
    ("jan@mu\u0308ller.example", "jan@xn--mller-kva.example"),  # ü as u + combining diaeresis
    ("\u212aees@Voorbeeld.NL", "kees@voorbeeld.nl"),  # Kelvin sign: canonically a K
    (" an@Example.ORG\u200b", "an@example.org"),
    ("ayşe@ı", None),  # not an address: refused before
]


@pytest.mark.parametrize("typed", UNDELIVERABLE)
def test_an_undeliverable_address_is_refused_saying_why(typed):
    field = EmailAddressField(error_messages={"invalid": "Vul een e-mailadres in."})
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    expected = (
        "Vul een e-mailadres in."
        if typed.isascii() or typed.endswith("..example")  # the letters are fine
        else EmailAddressField.default_error_messages["undeliverable"]
    )
    assert refused.value.messages == [expected]
    assert not is_deliverable(typed.strip())


@pytest.mark.parametrize(("typed", "stored"), [case for case in SAME_MAILBOX if case[1]])
def test_every_spelling_of_one_mailbox_has_one_form(typed, stored):
    assert EmailAddressField().clean(typed) == stored
    assert canonical_email(stored) == stored


@pytest.fixture
def visitor(seeded):
    return Client()


@pytest.mark.parametrize("typed", ["ALİ@İZMİR.EXAMPLE", "\u017fara@example.nl"])
def test_the_newsletter_form_refuses_and_keeps_what_was_typed(visitor, typed):
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = visitor.post("/nieuwsbrief/aanmelden/", {"email": typed})
    assert answer.status_code == 200
    page = main_content(answer)
    assert "Typ het met de gewone letters a tot z" in page
    assert find_one(page, "input", name="email").get("value") == typed
    assert not Subscriber.objects.exists() and not mail.outbox


def test_one_mailbox_typed_two_ways_is_one_subscriber(visitor):
    for typed in ["Jan@Müller.example", "jan@xn--mller-kva.example", "JAN@MU\u0308LLER.EXAMPLE"]:
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert visitor.post("/nieuwsbrief/aanmelden/", {"email": typed}).status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["jan@xn--mller-kva.example"]
    (confirmation,) = mail.outbox  # the next two were within the hour: nothing sent again
    raw = email.message_from_bytes(confirmation.message().as_bytes(), policy=email.policy.SMTP)
    assert raw["To"] == "jan@xn--mller-kva.example"  # no encoded-word inside the address


def test_one_sign_up_per_mailbox_for_a_date(client, open_date):
    assert sign_up_for(client, open_date, email="Jan@Müller.example").status_code == 302
    sign_up_for(client, open_date, email="jan@xn--mller-kva.example")
    assert list(open_date.registrations.values_list("email", flat=True)) == [
        "jan@xn--mller-kva.example"
    ]


def test_erasing_either_spelling_erases_what_was_stored_in_the_other(seeded, open_date, client):
    # Stored before addresses were canonical: the domain as the visitor typed it.
    Subscriber.objects.create(email="jan@müller.example")
    make_story_contact("Jan@Müller.example")
    ContactMessage.objects.create(
        page=ContactPage.objects.get(locale__language_code="nl"),
        form_data={"email": "Jan@Müller.example", "message": "Hallo"},
        sender_email="jan@müller.example",
    )
    sign_up_for(client, open_date, email="jan@xn--mller-kva.example")

    found = export_personal_data("JAN@xn--MLLER-KVA.example")
    assert all(found[kind] for kind in ["nieuwsbrief", "verhalen", "agenda", "contactformulier"]), (
        found
    )
    erase_personal_data("jan@xn--mller-kva.example")
    assert not Subscriber.objects.exists()
    assert not StoryContact.objects.exists()
    assert not open_date.registrations.exists()
    assert not ContactMessage.objects.exists()


def test_the_confirmation_page_shows_the_address_as_typed(visitor):
    with TestCase.captureOnCommitCallbacks(execute=True):
        visitor.post("/nieuwsbrief/aanmelden/", {"email": "Femke@Bäckerij.example"})
    (confirmation,) = mail.outbox
    link = re.search(r"http://testserver(/nieuwsbrief/bevestigen/\S+/)", confirmation.body)[1]
    page = main_content(visitor.get(link))
    assert "femke@bäckerij.example" in page and "xn--" not in page
    assert Subscriber.objects.get().email == "femke@xn--bckerij-5wa.example"
