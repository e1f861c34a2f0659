from django.apps import AppConfig

from website.core.registry import DAILY


class OperationsConfig(AppConfig):
    """Running the site: backup and restore, the health check, the one scheduler of periodic
    tasks and the pruning of finished task results."""

    name = "website.operations"
    label = "operations"
    verbose_name = "Beheer van de server"
    periodic_tasks = {"website.operations.tasks.prune_task_results": DAILY}
