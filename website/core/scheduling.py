"""Periodic tasks (clean-ups, mail sweeps): enqueue each task in settings.PERIODIC_TASKS when
its interval has passed. `manage.py run_periodic_tasks --loop` runs beside the worker."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string


def enqueue_due_tasks(now=None):
    """Enqueue every periodic task that is due; returns the dotted paths enqueued."""
    from .models import PeriodicTaskRun

    now = now or timezone.now()
    enqueued = []
    for task_path, interval_seconds in settings.PERIODIC_TASKS.items():
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
