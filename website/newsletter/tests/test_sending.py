"""Sending: every confirmed subscriber gets the newsletter exactly once, in batches, with a
one-click unsubscribe (RFC 8058) of their own and nothing else personal."""

import datetime
import email
import email.policy
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from website.core.privacy import erase_personal_data, export_personal_data
from website.mail.models import OutgoingEmail
from website.newsletter.models import Delivery, NewsletterIndexPage, NewsletterPage, Subscriber
from website.newsletter.sending import progress, queue_batch, resume_sending, start_sending

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(seeded, settings):
    settings.NEWSLETTER_MAILS_PER_MINUTE = 3
    page = NewsletterPage(
        title="Nieuwsbrief januari",
        slug="januari",
        introduction="Het nieuwe jaar.",
        body=[{"type": "publications", "value": {"heading": "Nieuw", "count": 2}}],
        live=False,
    )
    NewsletterIndexPage.objects.get().add_child(instance=page)
    page.save_revision()
    for number in range(7):
        Subscriber.objects.create(email=f"lezer{number}@example.org", status="aangemeld")
    Subscriber.objects.create(email="wacht@example.org", status="wacht")
    Subscriber.objects.create(email="uitgenodigd@example.org", status="uitgenodigd")
    return page


def send(page):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return start_sending(page)


def test_every_confirmed_subscriber_gets_it_once_with_their_own_unsubscribe(newsletter):
    assert send(newsletter) is True
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == [f"lezer{number}@example.org" for number in range(7)]
    for message in mail.outbox:
        raw = message.message().as_bytes()
        assert b"\nList-Unsubscribe: <http://testserver/nieuwsbrief/afmelden/" in raw
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        link = str(parsed["List-Unsubscribe"]).strip("<>")
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/nieuwsbrief/afmelden/" in link
        html = parsed.get_body(("html",)).get_content()
        assert link in parsed.get_body(("plain",)).get_content() and link in html
        assert "afmelden.invalid" not in message.body + html
    assert send(newsletter) is False  # never twice
    assert len(mail.outbox) == 7
    assert progress(newsletter) == {"total": 7, "waiting": 0, "sent": 7, "pending": 0, "failed": 0}


def test_the_one_click_in_the_header_unsubscribes(newsletter):
    send(newsletter)
    message = next(m for m in mail.outbox if m.to == ["lezer3@example.org"])
    link = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    answer = Client(enforce_csrf_checks=True).post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert not Subscriber.objects.filter(email="lezer3@example.org").exists()
    assert not Delivery.objects.filter(subscriber__email="lezer3@example.org").exists()
    assert not OutgoingEmail.objects.filter(pk__in=[]).exists()


def test_sending_publishes_the_newsletter_in_the_archive(client, newsletter):
    assert client.get("/nieuwsbrieven/").status_code == 200
    send(newsletter)
    newsletter.refresh_from_db()
    assert newsletter.live and newsletter.sent_at
    assert client.get(newsletter.url).status_code == 200
    assert "Nieuwsbrief januari" in client.get("/nieuwsbrieven/").content.decode()


def test_a_batch_at_a_time_and_a_stalled_send_goes_on_without_doubles(newsletter, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    start_sending(newsletter)  # the first batch is enqueued, not run (dummy queue)
    assert queue_batch(newsletter.pk) == 4  # three put in the outbox, four wait
    assert OutgoingEmail.objects.count() == 3

    # The worker died after that batch: nothing was queued for a while.
    Delivery.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=10))
    Delivery.objects.filter(email__isnull=True).update(queued_at=None)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert resume_sending.call() == [newsletter.pk]
    recipients = [m.to[0] for m in OutgoingEmail.objects.all()]
    assert sorted(recipients) == [f"lezer{number}@example.org" for number in range(7)]
    assert resume_sending.call() == []  # nothing waits any more


def test_the_editor_sends_from_the_admin_and_sees_the_progress(admin_client, newsletter):
    url = f"/admin/nieuwsbrief/{newsletter.pk}/verzenden/"
    edit = admin_client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    assert "Verzenden…" in edit
    before = admin_client.get(url).content.decode()
    assert re.search(r"naar <strong>7</strong> abonnees", before)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = admin_client.post(url)
    assert answer["Location"] == url
    text = admin_client.get(url).content.decode()
    assert "De nieuwsbrief wordt verstuurd." in text
    assert "Verstuurd: 7" in text and "Mislukt: 0" in text
    with TestCase.captureOnCommitCallbacks(execute=True):
        admin_client.post(url)
    assert len(mail.outbox) == 7


def test_export_lists_what_was_received_and_erase_removes_the_records(newsletter):
    send(newsletter)
    (exported,) = export_personal_data("lezer1@example.org")["nieuwsbrief"]
    assert [r["nieuwsbrief"] for r in exported["ontvangen nieuwsbrieven"]] == [
        "Nieuwsbrief januari"
    ]
    erase_personal_data("lezer1@example.org")
    assert not Delivery.objects.filter(subscriber__email="lezer1@example.org").exists()
    assert Delivery.objects.count() == 6


def test_one_subscriber_is_one_in_the_sentence(admin_client, newsletter):
    Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exclude(
        pk=Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).first().pk
    ).delete()
    page = admin_client.get(f"/admin/nieuwsbrief/{newsletter.pk}/verzenden/").content.decode()
    assert "naar <strong>1</strong> abonnee die de aanmelding heeft bevestigd." in page


def test_an_alias_of_a_newsletter_is_not_sent_and_says_why(admin_client, newsletter):
    alias = newsletter.create_alias(update_slug="alias-van-december")
    url = f"/admin/nieuwsbrief/{alias.pk}/verzenden/"
    for answer in (admin_client.get(url), admin_client.post(url)):
        assert answer.status_code == 302
    alias.refresh_from_db()
    assert not alias.sent_at and not Delivery.objects.filter(newsletter_id=alias.pk).exists()
    messages = [str(m) for m in get_messages(admin_client.get(url).wsgi_request)]
    assert any("alias" in message for message in messages)
