"""The shared e-mail path: stored first, delivered by a task, retried when the server fails."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from website.core.email import Attachment, queue_email
from website.core.models import OutgoingEmail
from website.core.tasks import retry_delay, retry_due_emails
from website.core.tests.mail_backends import FlakySMTPBackend

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "website.core.tests.mail_backends.FlakySMTPBackend"}}
    FlakySMTPBackend.server_is_down = True
    yield
    FlakySMTPBackend.server_is_down = True


def test_e_mail_is_stored_then_sent_by_the_task(mailoutbox):
    message = queue_email(
        ["redactie@example.org"],
        "Nieuwe aanmelding",
        "Er is een aanmelding.",
        attachments=[Attachment("afspraak.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 1
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["redactie@example.org"]
    assert sent.subject == "Nieuwe aanmelding"
    assert sent.attachments[0].filename == "afspraak.ics"
    assert sent.attachments[0].content == "BEGIN:VCALENDAR"


def test_subject_cannot_carry_header_injection(mailoutbox):
    queue_email("a@example.org", "Hallo\r\nBcc: evil@example.org", "Tekst")
    assert mailoutbox[0].subject == "Hallo Bcc: evil@example.org"
    assert mailoutbox[0].bcc == []


def test_mail_server_down_keeps_the_message_and_retries_later(server_down):
    message = queue_email("a@example.org", "Bevestiging", "Je aanmelding is binnen.")

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.PENDING
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert not getattr(mail, "outbox", [])

    # Not yet due: the sweep leaves it alone.
    retry_due_emails.enqueue()
    message.refresh_from_db()
    assert message.attempts == 1

    # The server is back and the retry time has come.
    FlakySMTPBackend.server_is_down = False
    OutgoingEmail.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    retry_due_emails.enqueue()

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Bevestiging"]

    # A second sweep never sends it twice.
    retry_due_emails.enqueue()
    assert len(mail.outbox) == 1


def test_gives_up_after_the_maximum_number_of_attempts(server_down, settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    message = queue_email("a@example.org", "Onderwerp", "Tekst")
    OutgoingEmail.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    retry_due_emails.enqueue()
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.attempts == 2
    assert message.next_attempt_at is None


def test_retry_delay_backs_off_and_is_capped():
    assert retry_delay(1) == datetime.timedelta(minutes=1)
    assert retry_delay(3) == datetime.timedelta(minutes=4)
    assert retry_delay(30) == datetime.timedelta(hours=6)


def test_nothing_is_sent_when_the_transaction_rolls_back(mailoutbox):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email("a@example.org", "Onderwerp", "Tekst")
        raise RuntimeError("the request failed")
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []
