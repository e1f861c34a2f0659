from django.apps import AppConfig

from website.core.registry import DAILY


class AgendaConfig(AppConfig):
    name = "website.agenda"
    label = "agenda"
    verbose_name = "Agenda"
    seed_steps = {410: "website.agenda.seed.agenda"}
    periodic_tasks = {"website.agenda.tasks.delete_old_registrations": DAILY}
    personal_data = "website.agenda.personal_data"

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 - connect when the models are ready
