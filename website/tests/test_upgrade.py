"""A site running the code from before the outbox, the seed's records and the scheduler's
bookkeeping moved out of `core` upgrades with nothing lost: its mails, the permissions
editors had on them, queued tasks and the scheduler's last runs (core 0010 and the first
migrations of mail, seed and operations)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from website.mail.models import OutgoingEmail
from website.operations.models import PeriodicTaskRun
from website.seed.models import SeedRecord

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]

BEFORE_THE_MOVE = [
    ("core", "0009_dutch_media_names"),
    ("newsletter", "0004_newsletterpage_sent_sections"),
    ("mail", None),
    ("seed", None),
    ("operations", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as they were at those migrations (an app migrated to None has none).
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def test_an_existing_site_keeps_its_mails_permissions_tasks_and_schedule():
    seeded_records = SeedRecord.objects.count()
    old = migrate(BEFORE_THE_MOVE)
    assert ContentType.objects.filter(app_label="core", model="outgoingemail").exists()
    old_mail = old.get_model("core", "OutgoingEmail").objects.create(
        to=["kees@example.org"], subject="Je aanmelding", body="Tot zaterdag."
    )
    old.get_model("core", "PeriodicTaskRun").objects.create(
        task_path="website.core.tasks.retry_due_emails", last_enqueued_at="2026-12-01T10:00Z"
    )
    queued = DBTaskResult.objects.create(
        task_path="website.core.tasks.send_queued_email",
        args_kwargs={"args": [old_mail.pk], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    mail = OutgoingEmail.objects.get(pk=old_mail.pk)
    assert (mail.subject, mail.to) == ("Je aanmelding", ["kees@example.org"])
    assert not ContentType.objects.filter(app_label="core", model="outgoingemail").exists()
    outbox_type = ContentType.objects.get_for_model(OutgoingEmail)
    assert outbox_type.app_label == "mail"
    # Redactie still reads the outbox: its permission followed the content type.
    editors = Group.objects.get(name="Redactie")
    assert editors.permissions.filter(
        content_type=outbox_type, codename="view_outgoingemail"
    ).exists()
    left_in_core = Permission.objects.filter(content_type__app_label="core")
    assert not left_in_core.filter(codename__endswith="outgoingemail").exists()
    queued.refresh_from_db()
    assert queued.task_path == "website.mail.tasks.send_queued_email"
    assert PeriodicTaskRun.objects.filter(task_path="website.mail.tasks.retry_due_emails").exists()
    assert SeedRecord.objects.count() == seeded_records
