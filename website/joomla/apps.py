from django.apps import AppConfig


class JoomlaConfig(AppConfig):
    """Moving a network's old Joomla 3 site here: `manage.py import_joomla`, the old
    addresses answered with a redirect, and the report of addresses that were not found."""

    name = "website.joomla"
    label = "joomla"
    verbose_name = "Overstap van Joomla"
