"""Counting the addresses that answer 404, for the editors' report "Niet gevonden"
(Instellingen): after the switch-over, links on member sites, in old newsletters and in
search engines still lead to addresses of the old site that nothing answers yet.

Kept: the path with its query (as Wagtail's redirects compare them) and a count; never who
asked or where they came from. Not kept: the admin, static and media files, very long
addresses, and new addresses once `MISSED_ADDRESSES_MAX` are kept (someone trying random
addresses cannot fill the table); rows not seen for `MISSED_ADDRESSES_DAYS` go daily.
"""

import datetime

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from .models import MissedAddress

IGNORED_PREFIXES = ("/admin/", "/static/", "/media/", "/documenten-bestand/", "/favicon")
MAX_LENGTH = 400
LOCK_WAIT_MS = 200


def record(request):
    """Count a 404 for `request` (a GET): one query for an address seen before, three for a
    new one. Never fails: a database out of reach or locked loses a count, not the
    visitor's page."""
    path = Redirect.normalise_path(request.get_full_path())
    if len(path) > MAX_LENGTH or path.startswith(IGNORED_PREFIXES):
        return
    try:
        with transaction.atomic():
            _wait_briefly_for_locks()
            counted = MissedAddress.objects.filter(path=path).update(
                hits=F("hits") + 1, last_seen=timezone.now()
            )
            if not counted and MissedAddress.objects.count() < settings.MISSED_ADDRESSES_MAX:
                # Two first misses at once: one row (the other's insert is ignored).
                MissedAddress.objects.bulk_create([MissedAddress(path=path)], ignore_conflicts=True)
    except DatabaseError:
        pass


def _wait_briefly_for_locks():
    """A count is not worth a wait: on PostgreSQL, give up after LOCK_WAIT when the table or
    row is locked (an editor's bulk delete in the report, the daily clean-up), instead of
    holding the visitor's 404 for as long as the lock lasts."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'")


def report(minimum_hits=3):
    """The addresses missed at least `minimum_hits` times that no redirect answers yet,
    most missed first."""
    redirected = Redirect.objects.filter(old_path=OuterRef("path"))
    return (
        MissedAddress.objects.filter(hits__gte=minimum_hits)
        .exclude(Exists(redirected))
        .order_by("-hits", "-last_seen")
    )


def forget_old():
    """Delete addresses not missed for `MISSED_ADDRESSES_DAYS` days (the daily task)."""
    before = timezone.now() - datetime.timedelta(days=settings.MISSED_ADDRESSES_DAYS)
    return MissedAddress.objects.filter(last_seen__lt=before).delete()[0]
