import contextlib
import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from website.core.errors import DATABASE_UNAVAILABLE
from website.operations.liveness import (
    Backoff,
    Heart,
    hold_scheduler_lease,
    process_name,
    release_scheduler_lease,
    wait_for_database,
)
from website.operations.models import ProcessHeartbeat
from website.operations.scheduling import enqueue_due_tasks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the periodic tasks that are due (each app's periodic_tasks). --loop keeps going: "
        "it waits for the database when it is out of reach, and of several schedulers (one "
        "per host) only the one holding the lease queues."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Check every minute.")
        parser.add_argument("--interval", type=float, default=60)

    def handle(self, *args, loop, interval, **options):
        if not loop:
            self.enqueue()
            return
        heart, backoff, me = Heart(ProcessHeartbeat.Role.SCHEDULER), Backoff(), process_name()
        # The lease outlasts a few missed turns, so a slow turn does not hand it over.
        lease_seconds = max(3 * interval, 30)
        try:
            while True:
                try:
                    close_old_connections()
                    heart.beat(force=True)
                    if hold_scheduler_lease(me, lease_seconds):
                        self.enqueue()
                    backoff.reset()
                except DATABASE_UNAVAILABLE as error:
                    wait_for_database("Planner", error, backoff)
                    continue
                time.sleep(interval)
        finally:
            with contextlib.suppress(DATABASE_UNAVAILABLE):  # else it runs out by itself
                release_scheduler_lease(me)

    def enqueue(self):
        for task_path in enqueue_due_tasks():
            self.stdout.write(f"In de wachtrij: {task_path}")
