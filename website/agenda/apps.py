from django.apps import AppConfig

from website.core.registry import DAILY, HOURLY


class AgendaConfig(AppConfig):
    name = "website.agenda"
    label = "agenda"
    verbose_name = "Agenda"
    seed_steps = {410: "website.agenda.seed.agenda"}
    periodic_tasks = {
        "website.agenda.tasks.delete_old_registrations": DAILY,
        # A reminder may be up to ten minutes late; an hour would be too coarse for one
        # sent an hour before.
        "website.agenda.tasks.send_reminders": HOURLY // 6,
    }
    personal_data = "website.agenda.personal_data"

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 - connect when the models are ready
