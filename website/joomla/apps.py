from django.apps import AppConfig

from website.core.registry import DAILY


class JoomlaConfig(AppConfig):
    """Moving a network's old Joomla 3 site here: `manage.py import_joomla`, the old
    addresses answered with a redirect, and the report of addresses that were not found."""

    name = "website.joomla"
    label = "joomla"
    verbose_name = "Overstap van Joomla"
    periodic_tasks = {"website.joomla.tasks.forget_old_missed_addresses": DAILY}
