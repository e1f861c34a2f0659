"""What apps declare on their AppConfig (website.core.registry) must point at real code: a typo
would only show up in production."""

import datetime

import pytest
from django.apps import apps
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from website.core import registry
from website.operations.tasks import prune_task_results


def test_periodic_tasks_of_every_app_are_tasks_with_an_interval():
    tasks = registry.periodic_tasks()
    assert set(tasks) == {
        "website.mail.tasks.retry_due_emails",
        "website.core.tasks.delete_expired_personal_data",
        "website.operations.tasks.prune_task_results",
        "website.operations.tasks.publish_scheduled",
        "website.agenda.tasks.delete_old_registrations",
        "website.agenda.tasks.send_reminders",
        "website.newsletter.sending.resume_sending",
        "website.joomla.tasks.forget_old_missed_addresses",
    }
    for path, seconds in tasks.items():
        assert isinstance(import_string(path), Task), path
        assert seconds >= 60, path


def test_personal_data_providers_have_the_three_functions():
    providers = registry.personal_data_providers()
    assert [p.NAME for p in providers] == [
        "outbox",
        "agenda",
        "verhalen",
        "steunbetuigingen",
        "contactformulier",
        "nieuwsbrief",
        "accounts",
        "formulieren",
    ]
    for provider in providers:
        for function in ("export", "erase", "expire"):
            assert callable(getattr(provider, function)), (provider.NAME, function)


def test_seed_steps_run_in_their_numbered_order():
    names = [f"{step.__module__}.{step.__name__}" for step in registry.seed_steps()]
    assert names[:3] == [
        "website.pages.seed.home_page",
        "website.seed.steps.site_address",
        "website.seed.steps.site_settings",
    ]
    # Sections in menu order, the contact page last; theme tags after all content.
    assert names.index("website.themes.seed.themes") < names.index("website.agenda.seed.agenda")
    assert names.index("website.articles.seed.articles") < names.index(
        "website.pages.seed.contact_page"
    )
    assert names.index("website.themes.seed.theme_tags") == len(names) - 4
    # The statements, then the translations of the key pages (the statements among them).
    assert names[-3:] == [
        "website.pages.seed.privacy_page",
        "website.pages.seed.accessibility_page",
        "website.pages.seed.key_page_translations",
    ]


def test_two_steps_with_one_number_are_refused(monkeypatch):
    monkeypatch.setattr(
        apps.get_app_config("library"), "seed_steps", {410: "website.library.seed.library"}
    )
    with pytest.raises(ValueError, match="410"):
        registry.seed_steps()


@pytest.mark.django_db
def test_finished_task_results_are_pruned_after_the_retention_period(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RESULT_RETENTION_DAYS = 7
    now = timezone.now()

    def result(status, finished_days_ago):
        finished = now - datetime.timedelta(days=finished_days_ago) if finished_days_ago else None
        return DBTaskResult.objects.create(
            status=status,
            task_path="website.mail.tasks.retry_due_emails",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            queue_name="default",
            priority=0,
            finished_at=finished,
        )

    result("SUCCESSFUL", 8)  # pruned
    result("FAILED", 30)  # pruned
    recent = result("SUCCESSFUL", 1)
    waiting = result("READY", None)

    assert prune_task_results.call() == 2
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, waiting.pk}


def test_without_a_database_task_backend_there_is_nothing_to_prune():
    assert prune_task_results.call() == 0
