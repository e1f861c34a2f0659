import json

from django.core.management.base import BaseCommand, CommandError

from website.core.privacy import erase_personal_data, export_personal_data


class Command(BaseCommand):
    help = (
        "AVG art. 15 and 17: show (export) or erase everything the site holds about an "
        "e-mail address."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, *args, action, email, yes, **options):
        if "@" not in email:
            raise CommandError("Geef een e-mailadres.")
        if action == "export":
            data = export_personal_data(email)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        if not yes:
            raise CommandError(
                "Wissen kan niet ongedaan worden: voeg --yes toe als je het zeker weet."
            )
        counts = erase_personal_data(email)
        self.stdout.write(json.dumps(counts, ensure_ascii=False))
