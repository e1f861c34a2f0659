"""What each app contributes to site-wide work, declared on its own AppConfig, so adding an
app never means editing settings or core:

    class AgendaConfig(AppConfig):
        seed_steps = {410: "website.agenda.seed.agenda"}
        periodic_tasks = {"website.agenda.tasks.delete_old_registrations": DAILY}
        personal_data = "website.agenda.personal_data"

- `seed_steps`: order number → dotted path of a `step(ctx: SeedContext)`. `load_seed` runs all
  apps' steps by number (see `website.seed` for what the hundreds mean).
- `periodic_tasks`: dotted path of a Django task → interval in seconds; the one scheduler
  (`manage.py run_periodic_tasks --loop`) enqueues each when due.
- `personal_data`: dotted path of a module with `NAME`, `export(email) -> list[dict]`,
  `erase(email) -> int` and `expire(before) -> int` (AVG/GDPR, `website.core.privacy`).
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import import_string

HOURLY = 60 * 60
DAILY = 24 * HOURLY


def seed_steps():
    """Every app's seed steps as callables, in their order number. Raises ValueError when two
    steps claim the same number (the order between them would be an accident)."""
    numbered = {}
    for config in apps.get_app_configs():
        for number, path in getattr(config, "seed_steps", {}).items():
            if number in numbered:
                raise ValueError(f"Seed step {number} is claimed by {numbered[number]} and {path}")
            numbered[number] = path
    return [import_string(numbered[number]) for number in sorted(numbered)]


def periodic_tasks():
    """{dotted task path: interval in seconds} of every app."""
    tasks = {}
    for config in apps.get_app_configs():
        tasks |= getattr(config, "periodic_tasks", {})
    return tasks


def personal_data_providers():
    """The personal-data modules of every app that keeps personal data, in app order."""
    return [
        import_module(config.personal_data)
        for config in apps.get_app_configs()
        if getattr(config, "personal_data", None)
    ]
