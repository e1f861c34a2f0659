"""Degrade, never lose: the site with its cache (Redis) stopped or hanging, its database out
of reach and its mail server down. Each service is really stopped, hung or absent: a private
redis-server that the test stops (SIGTERM) or freezes (SIGSTOP), a database address where
nothing listens, an SMTP port that refuses and then a real SMTP server."""

import datetime
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from website.caching import content_cache
from website.core import spool
from website.core.models import SiteSettings
from website.library.models import LibraryIndexPage
from website.mail.models import OutgoingEmail
from website.mail.outbox import queue_email
from website.mail.tasks import retry_due_emails
from website.pages.models import ContactMessage, ContactPage
from website.testing.services import RedisServer, free_port

# The services that fail here are not the suite's database (a private Redis, a PostgreSQL
# address where nothing listens, a mail server), so these run once, on SQLite; the deployed
# stack's smoke test (scripts/smoke_deploy.py) repeats the Redis and database faults on
# PostgreSQL.
pytestmark = pytest.mark.django_db

PAGES = ["/", "/documenten/", "/agenda/", "/zoeken/?q=armoede"]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.remove()


@pytest.fixture
def shared_cache(settings, redis_server):
    """The site's default cache on the private Redis, as production configures it."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "website.caching.backends.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    yield cache
    cache._stand_in.clear()


def contact_post(page):
    """Valid answers for every field of the seeded contact form."""
    values = {"email": "kees@example.org", "multiline": "Mijn bericht, met é en ü."}
    return {
        field.clean_name: values.get(field.field_type, "Kees") for field in page.get_form_fields()
    }


def send(client, page, data, **extra):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, data, **extra)


def timed_get(client, path):
    start = time.perf_counter()
    response = client.get(path)
    return response, time.perf_counter() - start


def test_with_redis_stopped_pages_answer_and_messages_are_stored(
    client, seeded, shared_cache, redis_server, caplog
):
    for path in PAGES:
        assert client.get(path).status_code == 200
    assert not shared_cache.unavailable

    SiteSettings.objects.update(notification_email="redactie@example.org")
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="website"):
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        assert shared_cache.unavailable
        contact = ContactPage.objects.live().get(locale__language_code="nl")
        response = send(client, contact, contact_post(contact))

    assert response.status_code == 302
    assert ContactMessage.objects.get().form_data  # stored
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    logged = caplog.text
    assert "Redis is out of reach (ConnectionError" in logged
    assert "Rate limit for 'contact' counted by this process alone" in logged


def test_with_redis_stopped_the_rate_limit_counts_in_the_process(
    client, seeded, shared_cache, redis_server, settings
):
    settings.FORM_RATE_LIMIT = (2, 60)
    contact = ContactPage.objects.live().get(locale__language_code="nl")
    redis_server.stop()
    answers = [
        send(client, contact, contact_post(contact) | {"je_naam": f"Kees {n}"}).status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429]
    assert ContactMessage.objects.count() == 2


def test_a_hanging_redis_costs_one_short_timeout_per_process(
    client, seeded, shared_cache, redis_server, monkeypatch
):
    """While Redis hangs (it accepts connections and never answers), the first cache call
    waits for the socket timeout (0.25 s) and every later one in this process skips Redis:
    counted at the Redis client, not timed, so a busy machine cannot fail or pass it."""
    for path in PAGES:  # Redis answering: every page goes to it
        timed_get(client, path)
    shared_cache.clear()
    client_calls = []
    redis_client = shared_cache._cache
    ask_redis = redis_client.get_client
    monkeypatch.setattr(
        redis_client,
        "get_client",
        lambda *args, **kwargs: client_calls.append(args) or ask_redis(*args, **kwargs),
    )

    redis_server.hang()
    try:
        for path in PAGES:
            response, _seconds = timed_get(client, path)
            assert response.status_code == 200, path
        assert shared_cache.unavailable
    finally:
        redis_server.resume()
    assert len(client_calls) == 1  # the one call that met the timeout
    assert shared_cache.outages == 1


def test_a_change_made_while_redis_was_out_shows_once_it_is_back(
    client, seeded, shared_cache, redis_server
):
    # The menu is kept in this process's memory under the shared content generation.
    library = LibraryIndexPage.objects.live().get()
    assert library.title in client.get("/").content.decode()

    redis_server.stop(keep_data=True)  # the old generation is there again after a restart
    library.title = "Alle stukken"
    library.save_revision().publish()  # the new generation cannot reach Redis
    assert "Alle stukken" in client.get("/").content.decode()
    redis_server.start()
    shared_cache._down_until = 0.0  # the outage period is over: try Redis again
    content_cache._memo["until"] = 0.0  # and this process asks Redis for the generation

    assert "Alle stukken" in client.get("/").content.decode()
    assert not shared_cache.unavailable


def test_health_check_reports_every_part(client, seeded, shared_cache, redis_server):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"]["ok"] and report["cache"]["shared"]
    assert report["tasks"] == {"ok": True, "waiting": 0, "oldest_waiting_seconds": 0}

    redis_server.stop()
    report = client.get("/healthz").json()
    assert report["status"] == "degraded"
    assert report["cache"]["ok"] is False and report["cache"]["shared"] is False


def test_health_check_says_when_tasks_wait_for_a_worker(client, seeded, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    retry_due_emails.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    report = client.get("/healthz").json()
    assert report["status"] == "degraded"
    assert report["tasks"]["waiting"] == 1
    assert report["tasks"]["oldest_waiting_seconds"] > settings.HEALTH_TASK_DELAY_SECONDS


# --- The database out of reach -------------------------------------------------------

PROBE = """
import json, time, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for method, path in [("get", "/"), ("get", "/documenten/"), ("get", "/robots.txt"),
                     ("get", "/healthz"), ("post", "/contact/")]:
    start = time.perf_counter()
    response = getattr(client, method)(path, {"je_naam": "Kees"} if method == "post" else None)
    answers[f"{method} {path}"] = {
        "status": response.status_code,
        "seconds": time.perf_counter() - start,
        "retry_after": response.get("Retry-After"),
        "type": response.get("Content-Type"),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def run_in_django(script, environment, *arguments):
    """Run `script` (Python that prints a JSON line last) in a Django process of its own with
    `environment` (a database out of reach, say); returns that JSON."""
    environment = {**environment}
    environment.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, arguments)],
        env=environment,
        cwd=Path(django_settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(params=["refusing", "hanging"])
def database_out_of_reach(request):
    """A database address where nothing listens, or where something accepts connections
    and never answers (the kernel completes the handshake; no one reads)."""
    if request.param == "refusing":
        yield f"postgres://postgres@127.0.0.1:{free_port()}/website"
        return
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        yield f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/website"


def test_with_the_database_out_of_reach_visitors_get_a_dutch_503(database_out_of_reach, tmp_path):
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": database_out_of_reach,
        "REDIS_URL": "",
        "FORM_SPOOL_DIR": str(tmp_path / "spool"),
    }
    answers = run_in_django(PROBE, environment)

    for request in ("get /", "get /documenten/"):
        answer = answers[request]
        assert answer["status"] == 503, request
        assert answer["retry_after"] == "60"
        assert "De website is even niet bereikbaar" in answer["body"]
        assert '<html lang="nl" dir="ltr">' in answer["body"]
    # A form is kept until the database is back (more below).
    assert answers["post /contact/"]["status"] == 202
    assert "Je bericht is aangekomen" in answers["post /contact/"]["body"]
    assert answers["get /robots.txt"]["status"] == 200
    # One connection attempt per request at most (DATABASE_CONNECT_TIMEOUT), not one per
    # query: a hanging database must not hold a worker until gunicorn kills it.
    limit = django_settings.DATABASE_CONNECT_TIMEOUT + 1.5
    assert max(answer["seconds"] for answer in answers.values()) < limit
    health = answers["get /healthz"]
    assert health["status"] == 503
    report = json.loads(health["body"])
    assert report["status"] == "down"
    assert report["database"] == {"ok": False, "error": "OperationalError"}


# --- The mail server down --------------------------------------------------------------


def test_with_the_mail_server_down_mail_is_kept_and_sent_once_later(mail_server):
    with TestCase.captureOnCommitCallbacks(execute=True):
        message = queue_email("kees@example.org", "Je aanmelding", "Tot ziens op 4 juni.")
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.PENDING
    assert "ConnectionRefusedError" in message.last_error

    mail_server.up()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    retry_due_emails.enqueue()
    retry_due_emails.enqueue()  # a second sweep sends nothing twice
    mail_server.down()
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert mail_server.recipients == [["kees@example.org"]]
    assert b"Tot ziens op 4 juni." in mail_server.messages[0]


def test_with_redis_stopped_the_login_lockout_still_holds(client, shared_cache, redis_server):
    """The failures are counted in the database: a dead cache neither forgets them (open
    for the attacker) nor locks anyone else out."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    users = get_user_model().objects
    users.create_user("beheerder", "b@example.org", "een-lang-wachtwoord-1", is_superuser=True)
    users.create_user("redacteur", "r@example.org", "een-lang-wachtwoord-2", is_superuser=True)
    redis_server.stop()
    login = reverse("wagtailadmin_login")
    attacker = Client(REMOTE_ADDR="203.0.113.20")
    for n in range(6):
        attacker.post(login, {"username": "beheerder", "password": f"gok-{n}"})
    answer = attacker.post(login, {"username": "beheerder", "password": "een-lang-wachtwoord-1"})
    assert "te vaak een verkeerd wachtwoord" in answer.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.20")
    answer = other.post(login, {"username": "redacteur", "password": "een-lang-wachtwoord-2"})
    assert answer.status_code == 302 and answer["Location"] == reverse("wagtailadmin_home")


# --- A form sent while the database is out ---------------------------------------------

SEND_FORMS = """
import json, os, sys, django
django.setup()
from django.conf import settings
from django.test import Client
answers = {}
message = {"je_naam": "Fatima el Amrani", "je_e_mailadres": "fatima@example.org",
           "je_bericht": "Ik kan mijn huur niet betalen.\\nمرحبا — kunt u mij bellen?"}
for name, client, fields, spool in [
    ("contact", Client(raise_request_exception=False), message, sys.argv[1]),
    ("honeypot", Client(raise_request_exception=False), message | {"fax_nummer": "0201234567"},
     sys.argv[1]),
    ("no token", Client(enforce_csrf_checks=True, raise_request_exception=False), message,
     sys.argv[1]),
    # Nothing can be kept: a file stands where the spool folder should be made.
    ("spool out", Client(raise_request_exception=False), message, sys.argv[2]),
]:
    settings.FORM_SPOOL_DIR = spool
    response = client.post("/contact/", fields)
    answers[name] = {"status": response.status_code, "body": response.content.decode()}
print(json.dumps(answers))
"""


def test_a_form_sent_while_the_database_is_out_arrives_when_it_is_back(
    client, seeded, editors_address, settings, tmp_path
):
    """The database refuses connections (a process of its own, as a server would be):

    - the contact message is kept on disk and the visitor reads that it arrived; a bot
      (honeypot) and a post without its CSRF token are not kept;
    - with the spool out too (the folder cannot be made), 503 shows what the visitor typed;
    - with the database back, the next request's end stores the kept message through the
      form as usual (the editors' mail too), once."""
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/website",
        "REDIS_URL": "",
    }
    answers = run_in_django(SEND_FORMS, environment, tmp_path / "spool", blocked / "spool")

    assert answers["contact"]["status"] == 202
    assert "Je bericht is aangekomen" in answers["contact"]["body"]
    for refused in ("honeypot", "no token"):
        assert answers[refused]["status"] == 503, refused
    (kept,) = (tmp_path / "spool").glob("*.json")
    assert oct(kept.stat().st_mode & 0o777) == "0o600"  # personal data: the site's user alone

    unkept = answers["spool out"]
    assert unkept["status"] == 503
    assert "Je formulier is niet aangekomen" in unkept["body"]
    assert "Ik kan mijn huur niet betalen.<br>مرحبا — kunt u mij bellen?" in unkept["body"]
    assert "fatima@example.org" in unkept["body"]
    assert "csrfmiddlewaretoken" not in unkept["body"]

    assert ContactMessage.objects.count() == 0
    settings.FORM_SPOOL_DIR = tmp_path / "spool"
    spool._last_replay = 0.0
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.get("/robots.txt")  # any request that finds the database working
    (message,) = ContactMessage.objects.all()
    assert "مرحبا — kunt u mij bellen?" in json.dumps(message.form_data, ensure_ascii=False)
    assert not list((tmp_path / "spool").glob("*.json"))
    assert OutgoingEmail.objects.filter(to=[editors_address]).count() == 1
    assert spool.replay_waiting() == {"stored": 0, "rejected": 0}  # nothing twice
    assert ContactMessage.objects.count() == 1


def test_with_redis_stopped_no_page_comes_from_the_page_memory(
    client, seeded, shared_cache, redis_server, settings
):
    """The page memory keys on the shared content generation: while Redis is out nobody
    knows it, so every page is rendered (and a change made meanwhile shows at once, and
    still after Redis is back)."""
    settings.PAGE_MEMORY = True
    library = LibraryIndexPage.objects.live().get()
    client.get("/")
    assert not client.get("/").templates  # from the page memory while Redis is up

    redis_server.stop(keep_data=True)  # the old generation is there again after a restart
    library.title = "Alle stukken"
    library.save_revision().publish()
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and response.templates  # rendered
        assert "Alle stukken" in response.content.decode()
    redis_server.start()
    shared_cache._down_until = 0.0
    content_cache._memo["until"] = 0.0

    assert "Alle stukken" in client.get("/").content.decode()
    assert not shared_cache.unavailable
