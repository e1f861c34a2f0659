"""The task queue of production and `make run`: django-tasks-db's database queue, with the
search and reference index updates behind everything else.

Wagtail queues one of each on every save of a page, image, document or snippet: the seed
queues about 300, an import thousands. The worker takes the highest priority first, so mail
(priority 50, website.mail.tasks) and all other work (0, e.g. purging the proxies' page
cache after a publish) no longer wait behind that backlog; the index catches up after.

A purge of the proxies' page cache waits a moment: each app process asks for the content
generation at most once a second (caching.content_cache.GENERATION_MEMO_SECONDS), and a purge
that came sooner let a proxy fetch the page again from a process that still served the old
text, and keep that for the page cache's time."""

from datetime import timedelta

from django.tasks.base import DEFAULT_TASK_PRIORITY
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from website.caching.content_cache import GENERATION_MEMO_SECONDS
from website.core.indexing import INDEX_TASKS, hold

INDEX_PRIORITY = -50
PURGE_TASK = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
PURGE_DELAY = timedelta(seconds=GENERATION_MEMO_SECONDS + 1)


class PrioritisedQueue(DatabaseBackend):
    """`enqueue(task, args, kwargs)` as django-tasks-db's; an index update that asks no
    priority of its own gets INDEX_PRIORITY (or is held: core.indexing), a purge runs
    PURGE_DELAY later."""

    def enqueue(self, task, args, kwargs):
        if held := hold(task, args, kwargs, self.alias):
            return held
        if task.module_path in INDEX_TASKS and task.priority == DEFAULT_TASK_PRIORITY:
            task = task.using(priority=INDEX_PRIORITY)
        elif task.module_path == PURGE_TASK and task.run_after is None:
            task = task.using(run_after=timezone.now() + PURGE_DELAY)
        return super().enqueue(task, args, kwargs)
