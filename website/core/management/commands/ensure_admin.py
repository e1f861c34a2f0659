import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an administrator with a random password, printed once, if there is none."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="beheerder")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("Er is al een beheerder; het wachtwoord blijft zoals het was.")
            return
        password = secrets.token_urlsafe(15)
        users.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Beheerder aangemaakt. Bewaar dit wachtwoord nu: het wordt maar één keer getoond.\n"
                f"  gebruikersnaam: {username}\n  wachtwoord:     {password}"
            )
        )
