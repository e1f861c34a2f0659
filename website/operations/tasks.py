"""Housekeeping of the task queue, and publishing what editors scheduled."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.tasks import task, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


@task
def prune_task_results():
    """Delete finished task results older than TASK_RESULT_RETENTION_DAYS (they hold task
    arguments such as e-mail ids). Returns the number deleted; 0 when the task backend keeps
    no results in the database (tests, the immediate backend)."""

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return 0
    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    old = DBTaskResult.objects.finished().filter(
        backend_name=backend.alias, finished_at__lte=cutoff
    )
    return old.delete()[0]


@task
def publish_scheduled():
    """Publish the pages and snippets whose "go live" time has come, and unpublish those
    whose expiry time has passed (Wagtail's `publish_scheduled`, which nothing runs by
    itself: without this an editor's "ingepland voor publicatie" never happened)."""
    call_command("publish_scheduled", verbosity=0)
