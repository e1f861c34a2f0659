"""The shared e-mail path: stored first, delivered by a task, retried when the server fails."""

import datetime
import email
import email.utils

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.tasks import task_backends
from django.utils import timezone

from website.mail.models import OutgoingEmail
from website.mail.outbox import Attachment, queue_email
from website.mail.tasks import INTERRUPTED, deliver, retry_delay, retry_due_emails

pytestmark = pytest.mark.django_db

# queue_email hands the message to the task after the transaction commits. Each test runs in a
# transaction that is rolled back, so `commit()` marks where the request's transaction would
# commit: on leaving the block the on-commit hooks run (Django's captureOnCommitCallbacks).


def test_e_mail_is_stored_then_sent_by_the_task(mailoutbox, commit):
    with commit():
        message = queue_email(
            ["redactie@example.org"],
            "Nieuwe aanmelding",
            "Er is een aanmelding.",
            attachments=[Attachment("afspraak.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
        assert mailoutbox == []  # nothing leaves before the commit

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 1
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == ["redactie@example.org"]
    assert sent.subject == "Nieuwe aanmelding"
    (attachment,) = sent.attachments  # a MIME part, as mail clients get it
    assert attachment.get_filename() == "afspraak.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content().strip() == "BEGIN:VCALENDAR"


def test_subject_cannot_carry_header_injection(mailoutbox, commit):
    with commit():
        queue_email("a@example.org", "Hallo\r\nBcc: evil@example.org", "Tekst")
    assert mailoutbox[0].subject == "Hallo Bcc: evil@example.org"
    assert mailoutbox[0].bcc == []


def test_mail_server_down_keeps_the_message_and_retries_later(mail_server, commit):
    with commit():
        message = queue_email("a@example.org", "Bevestiging", "Je aanmelding is binnen.")

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert mail_server.messages == []

    # Not yet due: the sweep leaves it alone.
    retry_due_emails.enqueue()
    message.refresh_from_db()
    assert message.attempts == 1

    # The server is back and the retry time has come.
    mail_server.up()
    OutgoingEmail.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    retry_due_emails.enqueue()

    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 2
    assert mail_server.recipients == [["a@example.org"]]
    assert b"Subject: Bevestiging" in mail_server.messages[0]

    # A second sweep never sends it twice.
    retry_due_emails.enqueue()
    assert len(mail_server.messages) == 1


def test_gives_up_after_the_maximum_number_of_attempts(mail_server, settings, commit):
    settings.EMAIL_MAX_ATTEMPTS = 2
    with commit():
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


@pytest.mark.database
def test_nothing_is_sent_when_the_transaction_rolls_back(mailoutbox, commit):
    with commit() as hooks, pytest.raises(RuntimeError), transaction.atomic():
        queue_email("a@example.org", "Onderwerp", "Tekst")
        raise RuntimeError("the request failed")
    assert hooks == []
    assert OutgoingEmail.objects.count() == 0
    assert mailoutbox == []


def test_django_mail_api_goes_through_the_outbox(settings, commit):
    """Wagtail and Django send with send_mail(); the default mailer stores, the task sends."""

    settings.MAILERS = {
        "default": {"BACKEND": "website.mail.outbox.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    mail.outbox = []
    with commit():
        send_mail("Wachtwoord herstellen", "Klik op de link.", None, ["redacteur@example.org"])
        message = EmailMultiAlternatives(
            "Nieuwe versie", "Tekst", "cms@example.org", ["a@example.org"], cc=["b@example.org"]
        )
        message.attach_alternative("<p>Tekst</p>", "text/html")
        message.send()

    stored = OutgoingEmail.objects.order_by("pk")
    assert [m.subject for m in stored] == ["Wachtwoord herstellen", "Nieuwe versie"]
    assert [m.status for m in stored] == [OutgoingEmail.Status.SENT] * 2
    assert stored[1].cc == ["b@example.org"]
    assert stored[1].from_email == "cms@example.org"
    assert [m.subject for m in mail.outbox] == ["Wachtwoord herstellen", "Nieuwe versie"]
    # Every mail says who sends it, also those sent from DEFAULT_FROM_EMAIL by Wagtail.
    sent = email.message_from_bytes(mail.outbox[0].message().as_bytes())
    assert email.utils.parseaddr(sent["From"]) == ("Sociale Alliantie", "website@localhost")
    assert mail.outbox[1].alternatives[0][0] == "<p>Tekst</p>"


def test_wagtail_password_reset_mail_is_stored_first(
    client, mail_server, django_user_model, commit
):
    django_user_model.objects.create_user("redacteur", "redacteur@example.org", "x")
    with commit():
        response = client.post("/admin/password_reset/", {"email": "redacteur@example.org"})
    assert response.status_code == 302
    stored = OutgoingEmail.objects.get()
    assert stored.to == ["redacteur@example.org"]
    assert stored.attempts == 1  # tried once, the server was down
    assert stored.status == OutgoingEmail.Status.PENDING  # kept for a later try


def test_retries_form_one_chain_with_a_deferring_queue(mail_server, settings, commit):
    """With a queue that can run tasks later, each failure schedules exactly one retry,
    and a sweep in between does not start a second chain."""

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    task_backends._settings = None  # pick up the new TASKS
    try:
        backend = task_backends["default"]
        backend.clear()
        with commit():
            message = queue_email("a@example.org", "Onderwerp", "Tekst")
        assert len(backend.results) == 1  # the first try, queued on commit

        with commit():
            deliver(message.pk, keep_retrying=True)  # what the worker runs: fails
        assert len(backend.results) == 2  # one deferred retry
        deferred = backend.results[-1]
        message.refresh_from_db()
        assert deferred.task.run_after == message.next_attempt_at

        OutgoingEmail.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        with commit():
            deliver(message.pk)  # a sweep: fails again, but schedules nothing
        assert len(backend.results) == 2
        message.refresh_from_db()
        assert message.attempts == 2

        with commit():
            deliver(message.pk, keep_retrying=True)  # the chain wakes early: re-waits once
        assert len(backend.results) == 3
        assert backend.results[-1].task.run_after == message.next_attempt_at
        message.refresh_from_db()
        assert message.attempts == 2
    finally:
        del settings.TASKS
        task_backends._settings = None


@pytest.mark.database
def test_a_mail_a_dead_worker_left_half_sent_is_marked_not_sent_again(mailoutbox, commit):
    """`deliver` marks a message "sending" before the mail server is asked. A worker killed
    right then leaves it so: the sweep marks it failed with a note, never sends it again."""
    with commit():
        message = queue_email("a@example.org", "Onderwerp", "Tekst")
    assert len(mailoutbox) == 1
    started = timezone.now() - datetime.timedelta(hours=1)
    OutgoingEmail.objects.filter(pk=message.pk).update(
        status=OutgoingEmail.Status.SENDING, next_attempt_at=started
    )
    retry_due_emails.enqueue()
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.last_error == INTERRUPTED
    assert len(mailoutbox) == 1  # not again

    fresh = OutgoingEmail.objects.filter(pk=message.pk)
    fresh.update(status=OutgoingEmail.Status.SENDING, next_attempt_at=timezone.now())
    retry_due_emails.enqueue()  # a send in progress right now is left alone
    assert fresh.get().status == OutgoingEmail.Status.SENDING


def test_mail_goes_before_the_index_updates_waiting_in_the_queue(settings):
    """After the seed or a big import thousands of index updates wait in the queue; a
    visitor's confirmation is taken first by the worker, and a cache purge waits a moment
    (the production queue: website.operations.queue)."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415
    from modelsearch.tasks import insert_or_update_object_task  # noqa: PLC0415
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task  # noqa: PLC0415
    from wagtail.tasks import update_reference_index_task  # noqa: PLC0415

    from website.mail.tasks import send_queued_email  # noqa: PLC0415

    settings.TASKS = {
        "default": {"BACKEND": "website.operations.queue.PrioritisedQueue", "QUEUES": ["default"]}
    }
    for number in range(3):
        update_reference_index_task.enqueue("wagtailcore", "page", str(number + 1))
        insert_or_update_object_task.enqueue("wagtailcore", "page", str(number + 1))
    purge_urls_from_cache_task.enqueue(["https://example.org/"])
    send_queued_email.enqueue(1)
    order = [result.task_path.rsplit(".", 1)[1] for result in DBTaskResult.objects.ready()]
    assert order[0] == "send_queued_email"
    assert "purge_urls_from_cache_task" not in order  # a moment later: operations.queue
    assert len(order) == 7
    purge = DBTaskResult.objects.get(task_path__endswith="purge_urls_from_cache_task")
    assert purge.run_after > timezone.now()
