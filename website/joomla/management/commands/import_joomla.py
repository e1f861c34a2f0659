import sys
from pathlib import Path

import pymysql
from django.core.management.base import BaseCommand, CommandError

from website.core.indexing import index_updates_once
from website.joomla.importer import Importer, MappingError, load_mapping
from website.joomla.source import (
    JoomlaSite,
    SourceError,
    check_prefix,
    connect,
    find_prefix,
)


class Command(BaseCommand):
    help = (
        "Haal een Joomla 3-site over: categorieën worden secties, artikelen pagina's, "
        "bestanden onder images/ afbeeldingen en documenten; oude adressen leiden door. "
        "Een tweede keer verandert niets; --dry-run laat zien wat er zou gebeuren."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", required=True,
            help="De Joomla-database: mysql://gebruiker:wachtwoord@host:3306/naam (alleen lezen).",
        )  # fmt: skip
        parser.add_argument(
            "--files", required=True, help="De map images/ van de oude site (of de map erboven)."
        )
        parser.add_argument("--prefix", help="Het voorvoegsel van de tabellen (anders gezocht).")
        parser.add_argument("--mapping", help="TOML-bestand: welke categorie wat wordt.")
        parser.add_argument(
            "--old-host", action="append", default=[],
            help="Het domein van de oude site (links daarheen worden interne links); mag vaker.",
        )  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen laten zien, niets opslaan."
        )

    def handle(self, *args, **options):
        try:
            mapping = load_mapping(options["mapping"])
            connection = connect(options["database"])
            try:
                if not Path(options["files"]).is_dir():
                    raise SourceError(f"De map {options['files']!r} bestaat niet.")
                prefix = options["prefix"] or find_prefix(connection)
                check_prefix(connection, prefix)
                importer = Importer(
                    JoomlaSite(connection, prefix), options["files"], mapping,
                    progress=self.progress, old_hosts=options["old_host"],
                )  # fmt: skip
                # Each page's index updates once, at the end, not one per save in the queue.
                with index_updates_once():
                    report = importer.run(dry_run=options["dry_run"])
            finally:
                connection.close()
        except (SourceError, MappingError) as error:
            raise CommandError(str(error)) from error
        except pymysql.MySQLError as error:
            # The old site's database went away while it was read: the import reads all of
            # it before it stores anything, so nothing is half done.
            raise CommandError(
                f"De verbinding met de Joomla-database viel weg ({error}). Er is niets "
                "opgeslagen. Start de import opnieuw als de database weer bereikbaar is."
            ) from error
        self.print_report(report, options["dry_run"])

    def progress(self, done, total):
        if done == total or done % 25 == 0:
            # On a terminal one line counting up; in a log file a line each time.
            line = f"{done} van {total} artikelen"
            if sys.stderr.isatty():
                sys.stderr.write(f"\r{line}" + ("\n" if done == total else ""))
            else:
                sys.stderr.write(f"{line}\n")
            sys.stderr.flush()

    def print_report(self, report, dry_run):
        write = self.stdout.write
        if dry_run:
            write("Proefrun: er is niets opgeslagen. Zo zou het gaan:")
        write(f"Nieuwe pagina's: {len(report.created)}")
        write(f"Bijgewerkt: {len(report.updated)}")
        write(f"Ongewijzigd: {report.unchanged}")
        write(f"Bestanden: {report.files}")
        if report.unlinked_files:
            write(
                f"  waarvan in geen artikel gebruikt: {report.unlinked_files} (bewaard zodat links "
                'van elders blijven werken; in de map "Oude site: in geen artikel gebruikt")'
            )
        write(f"Niet openbaar (concept): {len(report.not_public)} {_ids(report.not_public)}")
        write(
            f"Weggegooid in Joomla, niet overgenomen: {len(report.skipped)} {_ids(report.skipped)}"
        )
        if report.left_alone:
            write(
                "Niet bijgewerkt, want sinds de vorige import in Wagtail bewerkt: "
                f"{_ids(report.left_alone)}"
            )
        for article_id, problem in report.problems:
            where = f"artikel {article_id}" if article_id else "site"
            write(f"Probleem bij {where}: {problem}")


def _ids(numbers):
    return "(" + ", ".join(str(n) for n in numbers) + ")" if numbers else ""
