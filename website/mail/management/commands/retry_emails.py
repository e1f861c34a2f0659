from django.core.management.base import BaseCommand

from website.mail.tasks import retry_due_emails


class Command(BaseCommand):
    help = "Queue a sweep that sends every stored e-mail whose retry time has come."

    def handle(self, *args, **options):
        result = retry_due_emails.enqueue()
        self.stdout.write(f"Verzendronde in de wachtrij gezet ({result.id}).")
