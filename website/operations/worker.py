"""The task worker that waits out database outages (`manage.py run_worker`).

django-tasks-db's worker loop only waits out SQLite's "database is locked" while it takes a
task; any other database error, and one while it marks a task done, ends the process (under
systemd it is restarted; under `make run` nothing restarts it, and with the autoreloader the
loop's thread died while the process stayed: nothing ran any more). This loop is the same
(take a ready task with a row lock, claim it, run it, pause `interval` when there was none),
plus: an outage (`liveness.is_outage`) is waited out with `wait_for_database`, a heartbeat is
written each turn (at most every HEARTBEAT_SECONDS) and when a task starts, and a task that was
running when the database went away is marked failed, not left "running" for ever (whether
it finished is not known; the outbox and the other tasks are safe to run again).
"""

import logging
import time

from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from website.core.errors import DATABASE_UNAVAILABLE

from .liveness import Backoff, Heart, wait_for_database
from .models import ProcessHeartbeat

logger = logging.getLogger(__name__)


class InterruptedByOutage(RuntimeError):
    """A task was running when the database went out of reach: whether it finished is not
    known."""


class ResilientWorker(Worker):
    def __init__(self, **options):
        super().__init__(**options)
        self.heart = Heart(ProcessHeartbeat.Role.WORKER)
        self.backoff = Backoff()

    def run(self):
        logger.info("Taakverwerker %s start (wachtrijen: %s)", self.worker_id, self.queue_names)
        while self.running:
            try:
                if not self.turn():
                    return
                self.backoff.reset()
            except DATABASE_UNAVAILABLE as error:
                wait_for_database("Taakverwerker", error, self.backoff, lambda: self.running)
                if self.running:
                    self.fail_interrupted_tasks()

    def ready_tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def turn(self):
        """Take and run one ready task, or pause when there is none. Returns False when the
        worker should stop (--batch with an empty queue, or --max-tasks reached)."""
        close_old_connections()
        self.heart.beat()
        tasks = self.ready_tasks()
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is not None:
            self.run_task(task_result)
        if self.batch and task_result is None:
            return False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return False
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return True

    def run_task(self, db_task_result):
        # Busy since now: a long task (a newsletter) counts as a sign of life. The next turn's
        # beat (within HEARTBEAT_SECONDS) clears it, so a run of short tasks (250 mails) costs no
        # second write each.
        self.heart.beat(busy_since=timezone.now(), force=True)
        super().run_task(db_task_result)

    def fail_interrupted_tasks(self):
        """Mark the tasks this worker was running when the database went away as failed."""
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        for result in running:
            if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                result.set_failed(InterruptedByOutage("De database viel weg tijdens deze taak."))
                logger.warning(
                    "Taak %s liep toen de database wegviel: als mislukt gemarkeerd", result.id
                )
