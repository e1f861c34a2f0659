from django.apps import AppConfig

from .registry import DAILY


class CoreConfig(AppConfig):
    name = "website.core"
    label = "core"
    verbose_name = "Basis"
    periodic_tasks = {"website.core.tasks.delete_expired_personal_data": DAILY}

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 - connect when the models are ready
