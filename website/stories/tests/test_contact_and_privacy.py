"""The contact page (form builder) and the AVG tools: retention, export and erasure."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from website.core.models import SiteSettings
from website.core.tasks import delete_expired_personal_data
from website.mail.models import OutgoingEmail
from website.mail.tasks import retry_due_emails
from website.pages.models import ContactFormField, ContactMessage, ContactPage
from website.stories.factories import make_story_contact
from website.stories.forms import ShareStoryForm
from website.stories.models import StoryContact, StoryIndexPage, StorySubmission
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db

NAME, EMAIL, TEXT = "je_naam", "je_e_mailadres", "je_bericht"
MESSAGE = {NAME: "Kees", EMAIL: "kees@example.org", TEXT: "Hallo!"}


@pytest.fixture
def contact(home_page):
    page = ContactPage(
        title="Contact",
        slug="contact",
        to_address="redactie@example.org",
        subject="Bericht via de website",
    )
    for order, (label, kind) in enumerate(
        [("Je naam", "singleline"), ("Je e-mailadres", "email"), ("Je bericht", "multiline")]
    ):
        page.form_fields.add(
            ContactFormField(sort_order=order, label=label, field_type=kind, required=True)
        )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def send(client, page, **changes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, MESSAGE | changes)


def test_contact_form_stores_then_mails_the_editors(client, contact, mailoutbox):
    form_page = client.get(contact.url)
    honeypot = find_one(find_one(form_page, "main"), "div", "honeypot")
    assert find_one(honeypot, "input", name="fax_nummer").get("value") == ""
    response = send(client, contact)
    assert response.status_code == 302
    assert response.headers["Location"] == contact.url + "bedankt/"
    assert "Bericht verstuurd" in main_content(client.get(response.headers["Location"]))
    submission = ContactMessage.objects.get()
    assert submission.form_data[TEXT] == "Hallo!"
    assert OutgoingEmail.objects.get().status == "sent"
    # The editors read the answers under their own labels, not the visitor's "Je naam".
    assert "Naam: Kees\n\nE-mailadres: kees@example.org\n\nBericht: Hallo!" in (mailoutbox[0].body)
    assert mailoutbox[0].to == ["redactie@example.org"]
    assert "Hallo!" in mailoutbox[0].body


def test_a_message_the_browser_let_through_is_not_refused_for_its_line_breaks(client, contact):
    """The textarea allows 2,000 characters and the browser counts a line break as one, but
    sends it as CRLF (two): 1,980 letters and 20 line breaks arrive as 2,020 characters."""
    textarea = find_one(main_content(client.get(contact.url)), "textarea", name=TEXT)
    # No maxlength: the browser would cut pasted text off silently. site.js counts instead.
    assert textarea.get("maxlength") is None
    assert textarea.get("data-max-length") == "2000"
    lines = ["x" * 98] * 20 + ["y" * 20]
    assert sum(map(len, lines)) + len(lines) - 1 == 2000  # as the browser counts
    response = send(client, contact, **{TEXT: "\r\n".join(lines)})
    assert response.status_code == 302
    stored = ContactMessage.objects.get().form_data[TEXT]
    assert stored == "\n".join(lines)
    too_long = main_content(send(client, contact, **{TEXT: "\r\n".join(lines) + "z"}))
    assert ContactMessage.objects.count() == 1  # one character more is refused, plainly
    assert "Gebruik hier maximaal 2000 tekens. Nu zijn het er 2001." in too_long
    hint = find_one(main_content(client.get(contact.url)), "p", id=f"id_{TEXT}_helptext")
    assert text(hint) == "Maximaal 2.000 tekens."  # said before, not found out after


def test_messages_are_plain_dutch_and_name_the_field_once(client, contact):
    summary = find_one(main_content(send(client, contact, **{NAME: ""})), "div", "error-summary")
    assert [text(a) for a in find_all(summary, "a")] == ["Je naam: Vul dit in."]


def test_the_browser_may_fill_in_name_and_email(client, contact):
    form = main_content(client.get(contact.url))
    assert find_one(form, "input", name=NAME).get("autocomplete") == "name"
    assert find_one(form, "input", name=EMAIL).get("autocomplete") == "email"
    assert find_one(form, "textarea", name=TEXT).get("autocomplete") is None


def test_contact_form_validation_honeypot_and_rate_limit(client, contact, settings):
    invalid = send(client, contact, **{EMAIL: "geen"})
    assert invalid.status_code == 200
    assert find_one(main_content(invalid), "input", name=NAME).get("value") == "Kees"
    assert "Bericht verstuurd" not in invalid.content.decode()
    bot = send(client, contact, fax_nummer="spam")
    assert "Dit formulier kon niet worden verstuurd" in bot.content.decode()
    assert ContactMessage.objects.count() == 0
    settings.FORM_RATE_LIMIT = (1, 60)
    assert send(client, contact).status_code == 302
    assert send(client, contact).status_code == 429
    assert ContactMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_contact_mail_server_down_still_thanks_and_delivers_later(client, contact, mail_server):
    response = client.post(contact.url, MESSAGE, follow=True)
    assert "Bericht verstuurd" in main_content(response)
    assert ContactMessage.objects.count() == 1
    assert OutgoingEmail.objects.get().status == "pending"

    mail_server.up()
    OutgoingEmail.objects.update(next_attempt_at=None)
    retry_due_emails.enqueue()
    assert OutgoingEmail.objects.get().status == "sent"
    assert b"Subject: Bericht via de website" in mail_server.messages[0]


def test_retention_deletes_old_personal_data_and_keeps_recent(contact):
    make_story_contact("oud@example.org", days_old=400)
    make_story_contact("nieuw@example.org", days_old=10)
    old = ContactMessage.objects.create(page=contact, form_data=MESSAGE)
    ContactMessage.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=400)
    )
    ContactMessage.objects.create(page=contact, form_data=MESSAGE)
    sent = OutgoingEmail.objects.create(to=["a@example.org"], subject="s", body="b", status="sent")
    OutgoingEmail.objects.filter(pk=sent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )

    delete_expired_personal_data.enqueue()

    assert list(StoryContact.objects.values_list("email", flat=True)) == ["nieuw@example.org"]
    assert ContactMessage.objects.count() == 1
    assert OutgoingEmail.objects.count() == 0
    assert StorySubmission.objects.count() == 2  # the stories themselves stay (no contact data)


def test_personal_data_command_exports_and_erases_everything_for_an_address(contact):
    make_story_contact("iemand@example.org", days_old=1)
    ContactMessage.objects.create(page=contact, form_data=MESSAGE | {EMAIL: "Iemand@example.org"})
    OutgoingEmail.objects.create(to=["iemand@example.org"], subject="Bevestiging", body="b")

    out = io.StringIO()
    call_command("personal_data", "export", "iemand@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["verhalen"]) == 1
    assert len(data["outbox"]) == 1
    assert len(data["contactformulier"]) == 1

    with pytest.raises(Exception, match="--yes"):
        call_command("personal_data", "erase", "iemand@example.org", stdout=io.StringIO())
    call_command("personal_data", "erase", "iemand@example.org", "--yes", stdout=io.StringIO())
    out = io.StringIO()
    call_command("personal_data", "export", "iemand@example.org", stdout=out)
    left = {name: items for name, items in json.loads(out.getvalue()).items() if items}
    assert left == {}


def test_seed_creates_stories_page_contact_page_and_privacy_statement(seeded, client):
    stories = StoryIndexPage.objects.get(locale__language_code="nl")
    assert stories.title == "Wat mensen overkomt"
    # The network's name as the seed configuration writes it, not as the old text did.
    assert stories.introduction.startswith("De Sociale Alliantie wil graag ervaringsverhalen")
    assert "wil je zelf je verhaal delen" in stories.invitation  # "je", as everywhere
    assert not stories.get_children().exists()  # no invented stories
    # An empty list says so, instead of an introduction followed by nothing.
    assert "Er staan nog geen verhalen op de site" in main_content(client.get(stories.url))
    contact_page = ContactPage.objects.get(locale__language_code="nl")
    assert contact_page.form_fields.count() == 3
    assert "3500 GT Utrecht" in main_content(client.get(contact_page.url))
    privacy = SiteSettings.for_site(seeded).privacy_page
    content = main_content(client.get(privacy.url))
    assert "Hoe lang bewaren we het?" in [text(h2) for h2 in find_all(content, "h2")]
    footer_links = find_all(find_one(client.get("/"), "footer"), "a")
    assert (privacy.url, "Privacyverklaring") in [(a.get("href"), text(a)) for a in footer_links]


def test_public_pages_set_no_cookies_until_a_form_is_used(client, contact):
    assert not client.get("/").cookies
    form = client.get(contact.url)
    assert set(form.cookies) <= {"csrftoken"}


def test_contact_xss_is_escaped_in_the_admin(client, admin_client, contact):
    payload = "<script>alert(1)</script>"
    send(client, contact, **{NAME: payload, TEXT: payload})
    message = ContactMessage.objects.get()
    response = admin_client.get(reverse("contactberichten:inspect", args=[message.pk]))
    assert response.status_code == 200
    assert payload not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_phone_fields_open_the_number_keys(client, contact):
    """A phone number field is `type="tel"` (a phone shows digits), in the story form and in
    a contact form an editor builds with a field labelled "telefoon"."""
    contact.form_fields.add(
        ContactFormField(sort_order=9, label="Je telefoonnummer", field_type="singleline")
    )
    contact.save_revision().publish()
    (phone,) = find_all(client.get(contact.url), "input", name="je_telefoonnummer")
    assert (phone.get("type"), phone.get("autocomplete")) == ("tel", "tel")
    (phone,) = find_all(str(ShareStoryForm()["phone"]), "input", name="phone")
    assert (phone.get("type"), phone.get("autocomplete")) == ("tel", "tel")
