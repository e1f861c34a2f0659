# The outbox moved here from the core app (core 0010). The table keeps its name; its
# content type, permissions and the paths of queued delivery tasks follow.

import django.db.models.deletion
from django.db import migrations, models

from website.core import moves

MOVE_CONTENT_TYPES = moves.move_content_types(["outgoingemail"], "mail")
MOVE_TASKS = moves.move_task_paths(
    {
        "website.core.tasks.send_queued_email": "website.mail.tasks.send_queued_email",
        "website.core.tasks.retry_due_emails": "website.mail.tasks.retry_due_emails",
        "website.core.tasks.extract_document_text": "website.documents.tasks.extract_document_text",
        "website.core.tasks.reindex_pages": "website.documents.tasks.reindex_pages",
    }
)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_dutch_media_names"),
        # The roles were given the outbox's permissions under its old label.
        ("contributors", "0003_jargon_permissions"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_email', models.CharField(blank=True, max_length=255, verbose_name='Van')),
                ('to', models.JSONField(verbose_name='Aan')),
                ('cc', models.JSONField(blank=True, default=list, verbose_name='Cc')),
                ('bcc', models.JSONField(blank=True, default=list, verbose_name='Bcc')),
                ('reply_to', models.JSONField(blank=True, default=list, verbose_name='Antwoord naar')),
                ('subject', models.CharField(max_length=255, verbose_name='Onderwerp')),
                ('body', models.TextField(verbose_name='Tekst')),
                ('html_body', models.TextField(blank=True, verbose_name='HTML-versie')),
                ('attachments', models.JSONField(blank=True, default=list, verbose_name='Bijlagen')),
                ('headers', models.JSONField(blank=True, default=dict, verbose_name='Extra kopregels')),
                ('status', models.CharField(choices=[('pending', 'Wacht op verzending'), ('sending', 'Wordt verzonden'), ('sent', 'Verzonden'), ('failed', 'Mislukt')], default='pending', max_length=10, verbose_name='Status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='Pogingen')),
                ('last_error', models.TextField(blank=True, verbose_name='Technische foutmelding')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='Aangemaakt')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='Volgende poging')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='Verzonden')),
                ('regarding_id', models.CharField(blank=True, max_length=64)),
                ('regarding_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'Uitgaande e-mail',
                'verbose_name_plural': 'Uitgaande e-mails',
                'db_table': 'core_outgoingemail',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='core_outgoi_status_74da5f_idx'), models.Index(fields=['regarding_type', 'regarding_id'], name='core_outgoi_regardi_784ef4_idx')],
            },
        ),
                ],
        ),
        migrations.RunPython(*MOVE_CONTENT_TYPES),
        migrations.RunPython(*MOVE_TASKS),
    ]
