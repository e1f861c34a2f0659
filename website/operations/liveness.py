"""Background processes that outlive the database's blinks, and say that they live.

The task worker (`manage.py run_worker`) and the scheduler (`manage.py run_periodic_tasks
--loop`) run for weeks. When PostgreSQL restarts, refuses connections or drops one, or
SQLite stays locked longer than its busy timeout, they wait and try again with a growing
pause (`Backoff`) instead of exiting or dying silently: `wait_for_database`.

Each writes a heartbeat (`beat`) at most every `HEARTBEAT_SECONDS` while it loops, so `/healthz`
(`operations.health`) can say when each last showed a sign of life. The scheduler also holds
a lease (`hold_scheduler_lease`): started on two hosts, only one enqueues.
"""

import datetime
import logging
import os
import random
import socket
import time

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from website.core.errors import DATABASE_UNAVAILABLE

from .models import ProcessHeartbeat, SchedulerLease

logger = logging.getLogger(__name__)

# A heartbeat is written at most every HEARTBEAT_SECONDS (a setting, 10): often enough for
# /healthz, rare enough to cost the database nothing.


def process_name():
    """ "<host>:<pid>", this process's name in heartbeats and the scheduler's lease."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Backoff:
    """Pauses between tries: 1, 2, 4, 8, 16, then 30 seconds (`ceiling`), each up to a fifth
    longer at random, so processes on several hosts do not knock at the same moment."""

    def __init__(self, first=1.0, ceiling=30.0):
        self.first, self.ceiling = first, ceiling
        self.reset()

    def reset(self):
        self.next_pause = self.first

    def pause(self):
        """Sleep the next pause; returns how many seconds that was."""
        seconds = self.next_pause * (1 + random.random() / 5)  # noqa: S311 - jitter, not secrets
        self.next_pause = min(self.next_pause * 2, self.ceiling)
        time.sleep(seconds)
        return seconds


def is_outage(error):
    """True for a database that is out of reach or locked for now (refused, dropped, locked
    longer than the busy timeout); such an error is waited out, any other raised."""
    return isinstance(error, DATABASE_UNAVAILABLE)


def drop_connections():
    """Close this thread's database connections, broken ones included, so the next query
    opens a fresh one (after a restart the old one only says "server closed the
    connection")."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_UNAVAILABLE:
            connection.connection = None  # the socket is gone; forget it


def wait_for_database(role, error, backoff=None, keep_waiting=lambda: True):
    """After `error` (an outage, see `is_outage`): log it, then try `SELECT 1` with growing
    pauses until the database answers again, or until `keep_waiting()` is false (the worker
    was asked to stop: a SIGTERM must end it even while its database is gone). Returns the
    seconds waited."""
    backoff = backoff or Backoff()
    logger.warning(
        "%s: de database is niet bereikbaar (%s); ik wacht en probeer opnieuw", role, error
    )
    waited = 0.0
    while keep_waiting():
        drop_connections()
        waited += backoff.pause()
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_UNAVAILABLE as still:
            logger.info("%s: database nog niet terug (%s)", role, type(still).__name__)
            continue
        logger.warning("%s: de database is terug na %.0f seconden", role, waited)
        return waited
    return waited


class Heart:
    """The heartbeat of this process in `role` ("worker" or "scheduler")."""

    def __init__(self, role):
        self.role = role
        self.process = process_name()
        self.started_at = timezone.now()
        self.last_beat = 0.0

    def beat(self, busy_since=None, force=False):
        """Write the sign of life (and since when a task runs, or None) when
        HEARTBEAT_SECONDS have passed or `force`. Raises the database's error when it is out
        of reach."""
        if not force and time.monotonic() - self.last_beat < settings.HEARTBEAT_SECONDS:
            return
        ProcessHeartbeat.objects.update_or_create(
            role=self.role,
            process=self.process,
            defaults={
                "beat_at": timezone.now(),
                "busy_since": busy_since,
                "started_at": self.started_at,
            },
        )
        self.last_beat = time.monotonic()


def hold_scheduler_lease(holder, seconds):
    """Take or renew the scheduler's lease for `seconds` when it is free, expired or
    `holder`'s own. Returns True when `holder` may enqueue now."""
    now = timezone.now()
    until = now + datetime.timedelta(seconds=seconds)
    taken = SchedulerLease.objects.filter(pk=1).filter(holder=holder).update(
        expires_at=until
    ) or SchedulerLease.objects.filter(pk=1, expires_at__lt=now).update(
        holder=holder, expires_at=until
    )
    if taken:
        return True
    try:
        with transaction.atomic():
            SchedulerLease.objects.create(pk=1, holder=holder, expires_at=until)
    except IntegrityError:
        return False  # another scheduler holds it
    return True


def release_scheduler_lease(holder):
    """Give the lease up (a scheduler that stops cleanly), so another may take over at once."""
    SchedulerLease.objects.filter(pk=1, holder=holder).delete()
