"""The task backend of the test settings: Django's immediate backend (each task runs at once,
in the test), except the two index updates Wagtail queues on every save of a page, image,
document or snippet: the search index (modelsearch) and the reference index ("Gebruik").

They ran 2,400 times in 150 tests and took a sixth of their time (cProfile, 2026-12-07:
17 of 120 s), for the few tests that search or count uses. So they run only while `indexing`
is on: while the seeded database is built (its content is searchable, as after `load_seed`),
in tests marked `database` (search, on PostgreSQL too) or `indexing`; conftest's autouse
fixture switches it per test.

The same for the renditions made after an upload (core.renditions): seven seconds of every
seeded build for its images, which the tests that show them make on request anyway, as a
site without a worker would. They are made in tests marked `renditions`."""

from django.tasks.backends.immediate import ImmediateBackend

from website.core.indexing import INDEX_TASKS, done_result, hold

RENDITIONS_TASK = "website.core.tasks.make_image_renditions"


class TestTaskBackend(ImmediateBackend):
    """`enqueue(task, args, kwargs)` → a finished TaskResult. An index update while
    `indexing` is False, or the renditions task while `renditions` is False, is answered as
    done without running."""

    indexing = True
    renditions = False

    def enqueue(self, task, args, kwargs):
        if self.left_out(task.module_path):
            return done_result(task, args, kwargs, self.alias)
        return hold(task, args, kwargs, self.alias) or super().enqueue(task, args, kwargs)

    @classmethod
    def left_out(cls, module_path):
        if module_path in INDEX_TASKS:
            return not cls.indexing
        return module_path == RENDITIONS_TASK and not cls.renditions
