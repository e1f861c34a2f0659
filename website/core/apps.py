from django.apps import AppConfig

from .registry import DAILY


class CoreConfig(AppConfig):
    name = "website.core"
    label = "core"
    verbose_name = "Basis"
    seed_steps = {
        110: "website.core.seed.steps.site_address",
        120: "website.core.seed.steps.site_settings",
    }
    periodic_tasks = {
        "website.core.tasks.retry_due_emails": 10 * 60,
        "website.core.tasks.delete_expired_personal_data": DAILY,
        "website.core.tasks.prune_task_results": DAILY,
    }
    personal_data = "website.core.personal_data"

    def ready(self):
        from . import checks, signals  # noqa: F401, PLC0415 - connect when the models are ready
