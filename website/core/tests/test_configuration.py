"""Dotted paths in settings must point at real code (a typo would only show up in production)."""

from importlib import import_module

from django.conf import settings
from django.tasks import Task
from django.utils.module_loading import import_string


def test_periodic_tasks_are_tasks():
    for path in settings.PERIODIC_TASKS:
        assert isinstance(import_string(path), Task), path


def test_personal_data_providers_have_the_three_functions():
    for path in settings.PERSONAL_DATA_PROVIDERS:
        module = import_module(path)
        assert module.NAME and all(
            callable(getattr(module, f)) for f in ("export", "erase", "expire")
        )


def test_seed_steps_exist():
    for path in settings.SEED_STEPS:
        assert callable(import_string(path)), path
