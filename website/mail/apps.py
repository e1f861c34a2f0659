from django.apps import AppConfig


class MailConfig(AppConfig):
    """Every mail the site sends: stored in the outbox, delivered by a task, visible to the
    editors in the admin (docs/architecture.md, "Mail")."""

    name = "website.mail"
    label = "mail"
    verbose_name = "E-mail"
    periodic_tasks = {"website.mail.tasks.retry_due_emails": 10 * 60}
    personal_data = "website.mail.personal_data"

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 - registers the system check
