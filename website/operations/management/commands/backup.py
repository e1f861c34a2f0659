"""`manage.py backup`: the database and every uploaded file in one dated archive."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from website.operations.backup import ARCHIVE_PREFIX, ARCHIVE_SUFFIX, BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up: database en geüploade bestanden in één archief "
        "(backup-JJJJMMDD-UUMMSS.tar.gz) in BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=settings.BACKUP_DIR, help="Map voor het archief.")
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.BACKUP_KEEP_DAYS,
            help="Verwijder back-ups in de map die ouder zijn dan zoveel dagen (0: bewaar alle).",
        )

    def handle(self, *args, folder, keep_days, **options):
        try:
            path = make_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up gemaakt: {path} ({path.stat().st_size:,} bytes).")
        if keep_days:
            cutoff = time.time() - keep_days * 24 * 60 * 60
            for old in path.parent.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"):
                if old != path and old.stat().st_mtime < cutoff:
                    old.unlink()
                    self.stdout.write(f"Oude back-up verwijderd: {old.name}")
