"""The two index updates Wagtail queues on every save of a page, image, document or snippet,
and a way to make them once per object for work that saves many objects many times.

Wagtail queues a search index update (modelsearch) and a reference index update ("Gebruik")
after each save. Building content saves each object several times (created, a revision,
published, its translation made): the seed queued 650 of these for 300 objects, which the
worker of a fresh `make run` or deploy then spent 17 CPU seconds on (2026-12-07), most of it
the queue's own bookkeeping. Inside `index_updates_once()` each update is held instead of
queued, and at the end each distinct one runs once, in this process, so the site is
searchable the moment the command ends.
"""

import contextlib
import contextvars
import logging

from django.core.exceptions import ObjectDoesNotExist
from django.tasks.base import TaskResult, TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"
INDEX_TASKS = {SEARCH_TASK, REFERENCE_TASK}

# {(task's module path, args as a tuple)} while `index_updates_once()` holds them, else None.
_held = contextvars.ContextVar("held_index_updates", default=None)


@contextlib.contextmanager
def index_updates_once():
    """Hold every index update queued inside the block; when it ends without an error, run
    each distinct one once (search index first, then references), in this process.

    Nested blocks share the outer one's updates. An object deleted before the end is
    skipped. Errors from the block pass through; its held updates are then dropped (the
    transaction they belonged to is usually rolled back too)."""
    if _held.get() is not None:
        yield
        return
    held = {}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    for path, args in sorted(held, key=lambda update: update[0] != SEARCH_TASK):
        _run_once(path, args)


def hold(task, args, kwargs, backend_alias):
    """The backends' `enqueue` asks first: a TaskResult answered as done when `task` is an
    index update inside `index_updates_once()` (held, to run at its end), else None."""
    held = _held.get()
    if held is None or task.module_path not in INDEX_TASKS or kwargs:
        return None
    held.setdefault((task.module_path, tuple(args)), None)
    return done_result(task, args, kwargs, backend_alias)


def done_result(task, args, kwargs, backend_alias):
    """A TaskResult for `task` that says it ran and succeeded just now (for a task that is
    deliberately not run or run later: see `hold` and website.testing.tasks)."""
    now = timezone.now()
    return TaskResult(
        task=task,
        id=get_random_string(32),
        status=TaskResultStatus.SUCCESSFUL,
        enqueued_at=now,
        started_at=now,
        last_attempted_at=now,
        finished_at=now,
        args=args,
        kwargs=kwargs,
        backend=backend_alias,
        errors=[],
        worker_ids=[],
    )


def _run_once(path, args):
    task = import_string(path)
    try:
        task.call(*args)
    except ObjectDoesNotExist:
        logger.debug("Index update for %s skipped: the object is gone", args)
