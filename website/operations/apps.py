from django.apps import AppConfig

from website.core.registry import DAILY


class OperationsConfig(AppConfig):
    """Running the site: backup and restore, the health check, the one scheduler of periodic
    tasks, the pruning of finished task results and publishing what editors scheduled."""

    name = "website.operations"
    label = "operations"
    verbose_name = "Beheer van de server"
    periodic_tasks = {
        "website.operations.tasks.prune_task_results": DAILY,
        # Editors schedule to the minute ("Stel schema in").
        "website.operations.tasks.publish_scheduled": 60,
    }
