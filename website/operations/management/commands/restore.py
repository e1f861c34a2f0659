"""`manage.py restore <archief>`: a backup back into an empty database and the media."""

from django.core.management.base import BaseCommand, CommandError

from website.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van `manage.py backup` terug: de database (die leeg moet zijn, of "
        "met --replace wordt geleegd) en de geüploade bestanden."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Het archief, backup-….tar.gz")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Gooi alles wat nu in de database staat weg en zet de back-up ervoor terug.",
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Vraag niets."
        )

    def handle(self, *args, archive, replace, interactive, **options):
        if replace and interactive:
            try:
                answer = input(
                    "Alles in de database wordt vervangen door de back-up. "
                    "Typ 'ja' om door te gaan: "
                )
            except EOFError:
                answer = ""
            if answer.strip().lower() != "ja":
                raise CommandError("Niets gedaan. Zonder vragen: geef --no-input mee.")
        try:
            files = restore_backup(archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up teruggezet: de database en {files} bestanden.")
