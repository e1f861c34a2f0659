"""Helpers for migrations that move a model out of the core app while its table stays.

A move is state-only (`SeparateDatabaseAndState`): the table keeps its `core_` name. What
the database remembers by app label follows: the content type (so permissions, admin log
entries and mails `regarding` an object keep pointing at it) and the dotted paths of tasks
still in the queue (django-tasks-db stores `task_path`) and of the scheduler's bookkeeping.
"""


def move_content_types(models, to_label):
    """A RunPython pair that relabels the content types of `models` (lower-case model
    names) from core to `to_label`, and back."""

    def relabel(apps, from_label, target_label):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=from_label, model__in=models).update(
            app_label=target_label
        )

    def forwards(apps, schema_editor):
        relabel(apps, "core", to_label)

    def backwards(apps, schema_editor):
        relabel(apps, to_label, "core")

    return forwards, backwards


def move_task_paths(paths):
    """A RunPython pair that rewrites queued task paths {old: new}, and back."""

    def rewrite(apps, mapping):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        for old, new in mapping.items():
            DBTaskResult.objects.filter(task_path=old).update(task_path=new)

    def forwards(apps, schema_editor):
        rewrite(apps, paths)

    def backwards(apps, schema_editor):
        rewrite(apps, {new: old for old, new in paths.items()})

    return forwards, backwards
