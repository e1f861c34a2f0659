import time

from django.core.management.base import BaseCommand

from website.operations.scheduling import enqueue_due_tasks


class Command(BaseCommand):
    help = "Queue the periodic tasks that are due (each app's periodic_tasks). --loop keeps going."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Check every minute.")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, loop, interval, **options):
        while True:
            for task_path in enqueue_due_tasks():
                self.stdout.write(f"In de wachtrij: {task_path}")
            if not loop:
                return
            time.sleep(interval)
