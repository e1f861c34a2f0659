"""A newsletter to 1,000 subscribers through the real task worker (`manage.py run_worker`, a
process of its own) and a real SMTP server (aiosmtpd); the worker is killed (SIGKILL) half
way and started again. Nobody gets it twice, and everybody gets it, except at most the one
mail the worker was handing to the server at that moment, which is marked for a person to
check instead of being sent again unasked (mail.tasks.deliver).

PostgreSQL only: the worker must reach the test database, and the SQLite one lives in this
process's memory. CI runs the suite on PostgreSQL too."""

import collections
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from website.mail.models import OutgoingEmail
from website.mail.tasks import INTERRUPTED, mark_interrupted, retry_due_emails
from website.newsletter.models import Delivery, NewsletterIndexPage, NewsletterPage, Subscriber
from website.newsletter.sending import resume_sending, start_sending
from website.testing.services import MailServer

pytestmark = [
    pytest.mark.database,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not django_settings.USING_POSTGRES,
        reason="the worker process needs a database it can reach (SQLite tests run in memory)",
    ),
]

# Three batches of NEWSLETTER_MAILS_PER_MINUTE: the kill falls in the second.
SUBSCRIBERS = 150
MAILS_PER_BATCH = 50


def received(server):
    """{address: how many mails it got} at `server` (a MailServer)."""
    return collections.Counter(address for rcpts in server.recipients for address in rcpts)


def worker_environment(smtp_port):
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": django_settings.SECRET_KEY,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": url,
        "REDIS_URL": "",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "NEWSLETTER_MAILS_PER_MINUTE": str(MAILS_PER_BATCH),
        "NEWSLETTER_BATCH_SECONDS": "0",
    }


def start_worker(environment):
    command = [sys.executable, "manage.py", "run_worker", "--interval", "0.1", "--no-reload"]
    return subprocess.Popen(
        [*command, "--no-startup-delay"],
        cwd=Path(django_settings.BASE_DIR),
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until(condition, seconds=180):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def all_handed_over():
    waiting = Delivery.objects.filter(queued_at__isnull=True).exists()
    return not waiting and not OutgoingEmail.objects.filter(status="pending").exists()


def test_every_subscriber_gets_it_once_with_the_worker_killed_half_way(seeded, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_RESUME_AFTER_SECONDS = 0
    Subscriber.objects.bulk_create(
        Subscriber(email=f"lezer{n:04d}@example.org", status="aangemeld")
        for n in range(SUBSCRIBERS)
    )
    page = NewsletterPage(
        title="Nieuwsbrief maart",
        slug="maart",
        body=[{"type": "publications", "value": {"heading": "Nieuw", "count": 2}}],
        live=False,
    )
    NewsletterIndexPage.objects.get().add_child(instance=page)
    page.save_revision()

    smtp = MailServer().up()
    environment = worker_environment(smtp.port)
    worker = start_worker(environment)
    try:
        assert start_sending(page)
        wait_until(lambda: len(smtp.recipients) >= SUBSCRIBERS * 0.4)
        worker.kill()  # SIGKILL: no chance to finish anything
        worker.wait(10)
        half = len(smtp.recipients)  # mails received so far
        assert half < SUBSCRIBERS

        # Started again; the periodic tasks find what the dead worker left.
        worker = start_worker(environment)
        resume_sending.enqueue()
        retry_due_emails.enqueue()
        wait_until(all_handed_over)
        wait_until(lambda: not DBTaskResult.objects.ready().exists())
    finally:
        stop(worker)
        smtp.down()

    addresses = {f"lezer{n:04d}@example.org" for n in range(SUBSCRIBERS)}
    assert Delivery.objects.count() == SUBSCRIBERS
    assert max(received(smtp).values()) == 1  # nobody twice
    in_flight = list(OutgoingEmail.objects.filter(status="sending").values_list("to", flat=True))
    assert len(in_flight) <= 1
    missing = addresses - set(received(smtp))
    assert missing <= {address for recipients in in_flight for address in recipients}
    assert len(received(smtp)) >= SUBSCRIBERS - 1

    # The one left "sending" (if the kill fell while it was being handed over) is marked
    # for a person to check, not sent again.
    later = timezone.now() + timezone.timedelta(hours=1)
    assert mark_interrupted(later) == len(in_flight)
    if in_flight:
        assert OutgoingEmail.objects.get(status="failed").last_error == INTERRUPTED


def stop(worker):
    """End the worker: SIGTERM lets it finish its task (on a busy CI that took more than
    10 s once); after 60 s it is killed, so a test never leaves one behind."""
    worker.terminate()
    try:
        worker.wait(60)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(10)
