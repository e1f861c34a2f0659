"""Public form submissions kept while the database is out of reach, and stored once it is back.

A visitor who sends the contact form, a story, a sign-up or a newsletter subscription while
the database is down (restarting, overloaded) would otherwise get the 503 page and lose what
they typed. Instead (`database_unavailable_response` in `core.errors` calls `keep`):

1. The POST is checked as far as that is possible without the database: CSRF, the honeypot,
   the size limit and the rate limit (the cache). No files: a form with an upload is not
   kept.
2. Its fields are written to a file of its own in `FORM_SPOOL_DIR` (JSON; written to a
   temporary name, flushed to disk, then renamed, so a file is either whole or absent;
   readable by the site's user alone: it holds personal data until it is stored).
3. The visitor reads "Je bericht is aangekomen" (202).

`replay_waiting` sends each kept submission through the site again, as the same POST to the
same address, once the database answers: the form's own validation, storage and mails run
as for any other. It runs after a request that found the database working
(`request_finished`, at most every `REPLAY_EVERY_SECONDS` per process), so no visitor waits
for it. A submission the form now refuses is moved to `rejected/` and logged for a person to
look at. Each app server keeps and replays its own folder.

When the file cannot be written either (the disk is full or read-only), the visitor gets the
503 page with their own text on it, to copy and send later (`unkept_fields`).

Own code rather than a library: none keeps a Django request durably outside the database.
"""

import json
import logging
import os
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

# REPLAYED: the request.META key that marks a replayed submission (not an HTTP header: a
# visitor cannot send it); the rate limit counted the submission when it was kept.
from .protection import HONEYPOT_FIELD, REPLAYED, refuse_post

logger = logging.getLogger(__name__)

# Fields that are not the visitor's text.
NOT_TYPED = ("csrfmiddlewaretoken",)
REPLAY_EVERY_SECONDS = 5
_replaying = threading.Lock()
_last_replay = 0.0


class CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check that answers a refusal with its reason instead of rendering the
    failure page (which needs the database this is for)."""

    def _reject(self, request, reason):
        return reason or "refused"


def spool_dir():
    return Path(settings.FORM_SPOOL_DIR)


def keepable(request):
    """True for a POST to a public address whose CSRF token, honeypot, size and rate are
    right and that carries no files."""
    if request.method != "POST" or request.path.startswith(("/admin/", "/django-admin/")):
        return False
    if request.META.get(REPLAYED):
        return False  # a replay that meets the outage again: its file stays where it is
    if request.FILES or request.POST.get(HONEYPOT_FIELD):
        return False
    if CsrfCheck(lambda r: None).process_view(request, None, (), {}) is not None:
        return False
    return refuse_post(request, scope="kept-while-database-is-down") is None


def keep(request):
    """Write the submission to the spool. Returns True when it is safely on disk."""
    record = {
        "id": uuid.uuid4().hex,
        "received_at": timezone.now().isoformat(),
        "path": request.get_full_path(),
        "host": request.get_host(),
        "remote_addr": request.META.get("REMOTE_ADDR", ""),
        "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR", ""),
        "fields": {name: request.POST.getlist(name) for name in request.POST},
    }
    folder = spool_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{record['id']}"
        temporary = folder / f".{name}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(temporary, folder / f"{name}.json")
    except OSError as error:
        logger.error("Kon een formulier niet bewaren terwijl de database weg is: %s", error)
        return False
    logger.warning("Formulier voor %s bewaard tot de database terug is", record["path"])
    return True


def unkept_fields(request):
    """[(name as words, text)] of what the visitor typed, for the page that asks them to
    copy it: no token, no honeypot, no empty fields."""
    typed = []
    for name in request.POST:
        if name in NOT_TYPED or name == HONEYPOT_FIELD:
            continue
        for value in request.POST.getlist(name):
            if value.strip():
                words = name.replace("_", " ").capitalize().replace("e mail", "e-mail")
                typed.append((words, value))
    return typed


def waiting():
    """The kept submissions, oldest first ([Path])."""
    try:
        return sorted(spool_dir().glob("*.json"))
    except OSError:
        return []


def replay_waiting(client_class=None):
    """Send every kept submission through the site again (see the module docstring).
    Returns {"stored": n, "rejected": n}; stops at the first one that meets the database
    out of reach again (it stays for the next time)."""
    from django.test import Client  # noqa: PLC0415 - a request through the whole site

    from .errors import DATABASE_UNAVAILABLE  # noqa: PLC0415

    counts = {"stored": 0, "rejected": 0}
    for path in waiting():
        record = json.loads(path.read_text(encoding="utf-8"))
        client = (client_class or Client)(raise_request_exception=False)
        environ = {"HTTP_HOST": record["host"], "REMOTE_ADDR": record["remote_addr"]}
        if record["forwarded_for"]:
            environ["HTTP_X_FORWARDED_FOR"] = record["forwarded_for"]
        environ[REPLAYED] = True
        try:
            response = client.post(record["path"], record["fields"], **environ)
        except DATABASE_UNAVAILABLE:
            break
        if response.status_code == 503:
            break  # out of reach again: the file stays for the next time
        if response.status_code in (301, 302, 303):
            path.unlink()
            counts["stored"] += 1
            logger.warning("Bewaard formulier voor %s alsnog opgeslagen", record["path"])
        else:
            rejected = path.parent / "rejected"
            rejected.mkdir(mode=0o700, exist_ok=True)
            path.rename(rejected / path.name)
            counts["rejected"] += 1
            logger.error(
                "Bewaard formulier voor %s geweigerd (%s): zie %s",
                record["path"],
                response.status_code,
                rejected / path.name,
            )
    return counts


def outage_met():
    """This process just met the database out of reach: no replay after this request (it
    would wait for the same outage), the next try after REPLAY_EVERY_SECONDS."""
    global _last_replay
    _last_replay = time.monotonic()


def replay_after_request(sender, **kwargs):
    """`request_finished`: replay kept submissions when there are any, at most every
    REPLAY_EVERY_SECONDS in this process, one replay at a time."""
    global _last_replay
    now = time.monotonic()
    if now - _last_replay < REPLAY_EVERY_SECONDS or not _replaying.acquire(blocking=False):
        return
    try:
        _last_replay = now
        if waiting():
            replay_waiting()
    except Exception:  # noqa: BLE001 - never break the request that happened to finish
        logger.exception("Bewaarde formulieren opnieuw versturen mislukte")
    finally:
        _replaying.release()
