"""`manage.py run_worker`: django-tasks-db's `db_worker` (same options) with the loop of
`website.operations.worker.ResilientWorker`, which waits out database outages and writes a
heartbeat."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from website.operations.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the background tasks; waits for the database when it is out of reach instead "
        "of stopping."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
