import os
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from wagtail.models import Site

from website.core.models import SiteSettings


class Command(BaseCommand):
    help = (
        "Create an administrator with a random password, printed once, if there is none; "
        "give the editors' notification address (site settings) a value if it has none: "
        "EDITORS_EMAIL, else the administrator's address. Never asks anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "beheerder"))
        parser.add_argument("--email", default=os.environ.get("ADMIN_EMAIL", ""))
        parser.add_argument("--editors-email", default=os.environ.get("EDITORS_EMAIL", ""))

    def handle(self, *args, username, email, editors_email, **options):
        for address in (email, editors_email):
            if address:
                try:
                    validate_email(address)
                except ValidationError as error:
                    raise CommandError(f"Geen geldig e-mailadres: {address}") from error
        admin = self.ensure_admin(username, email)
        self.ensure_editors_address(editors_email or admin.email)

    def ensure_admin(self, username, email):
        users = get_user_model()
        existing = users.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write("Er is al een beheerder; het wachtwoord blijft zoals het was.")
            return existing
        password = secrets.token_urlsafe(15)
        # A name, so mails and the admin say "Beheerder" rather than the login name.
        admin = users.objects.create_superuser(
            username=username, email=email, password=password, first_name="Beheerder"
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Beheerder aangemaakt. Bewaar dit wachtwoord nu: het wordt maar één keer getoond.\n"
                f"  gebruikersnaam: {username}\n  wachtwoord:     {password}"
            )
        )
        return admin

    def ensure_editors_address(self, address):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        site_settings = SiteSettings.for_site(site)
        if site_settings.notification_email:
            return
        if not address:
            self.stdout.write(
                self.style.WARNING(
                    "Er is geen e-mailadres van de redactie: zet ADMIN_EMAIL of EDITORS_EMAIL, "
                    "of vul het in bij Instellingen > Gegevens van de organisatie."
                )
            )
            return
        site_settings.notification_email = address
        site_settings.save(update_fields=["notification_email"])
        self.stdout.write(f"Nieuwe berichten voor de redactie gaan naar {address}.")
