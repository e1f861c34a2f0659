# The scheduler's bookkeeping moved here from the core app (core 0010); the table keeps its
# name, and the periodic tasks that moved keep their last run.

from django.db import migrations, models

from website.core import moves

MOVE_CONTENT_TYPES = moves.move_content_types(["periodictaskrun"], "operations")
MOVED_TASKS = {
    "website.core.tasks.retry_due_emails": "website.mail.tasks.retry_due_emails",
    "website.core.tasks.prune_task_results": "website.operations.tasks.prune_task_results",
}
MOVE_TASKS = moves.move_task_paths(
    {"website.core.tasks.prune_task_results": MOVED_TASKS["website.core.tasks.prune_task_results"]}
)


def rename_periodic_runs(apps, schema_editor, mapping=MOVED_TASKS):
    PeriodicTaskRun = apps.get_model("operations", "PeriodicTaskRun")
    for old, new in mapping.items():
        PeriodicTaskRun.objects.filter(task_path=old).update(task_path=new)


def rename_periodic_runs_back(apps, schema_editor):
    rename_periodic_runs(apps, schema_editor, {new: old for old, new in MOVED_TASKS.items()})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_dutch_media_names"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='PeriodicTaskRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('task_path', models.CharField(max_length=200, unique=True)),
                ('last_enqueued_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'Periodieke taak',
                'verbose_name_plural': 'Periodieke taken',
                'db_table': 'core_periodictaskrun',
            },
        ),
                ],
        ),
        migrations.RunPython(*MOVE_CONTENT_TYPES),
        migrations.RunPython(*MOVE_TASKS),
        migrations.RunPython(rename_periodic_runs, rename_periodic_runs_back),
    ]
