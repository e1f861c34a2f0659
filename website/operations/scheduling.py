"""The one scheduler for periodic work (mail sweeps, clean-ups, pruning task results): enqueue
each app's periodic task (`periodic_tasks` on its AppConfig, see `website.core.registry`) when
its interval has passed. `manage.py run_periodic_tasks --loop` runs beside the worker."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from website.core.registry import periodic_tasks

from .models import PeriodicTaskRun


def enqueue_due_tasks(now=None, tasks=None):
    """Enqueue every periodic task that is due at `now` (default: the current time).

    `tasks` is {dotted task path: interval in seconds}, by default every app's. Safe with
    several schedulers: the last-run row is locked while it is read and moved. Returns the
    dotted paths enqueued, in the order of `tasks`."""
    now = now or timezone.now()
    enqueued = []
    for task_path, interval_seconds in (tasks or periodic_tasks()).items():
        with transaction.atomic():
            run, created = PeriodicTaskRun.objects.select_for_update().get_or_create(
                task_path=task_path, defaults={"last_enqueued_at": now}
            )
            due = (
                created
                or run.last_enqueued_at + datetime.timedelta(seconds=interval_seconds) <= now
            )
            if not due:
                continue
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
        import_string(task_path).enqueue()
        enqueued.append(task_path)
    return enqueued
