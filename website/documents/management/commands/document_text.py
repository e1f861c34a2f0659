import contextlib
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand

from website.documents.files import read_text, validate_document_file


class Command(BaseCommand):
    help = (
        "Print the text search indexes for a document file, as an upload would store it. "
        "Exit status 1 when the file would be refused or no text can be read, with the "
        "reason (in Dutch) on stderr; pages that were skipped are named on stderr too."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            with quiet_logs("website.documents.files", "pypdf"), path.open("rb") as handle:
                upload = File(handle, name=path.name)
                validate_document_file(upload)
                text, problem = read_text(upload, path.name)
        except OSError:
            return self.fail(f"Het bestand {path} bestaat niet of kan niet gelezen worden.")
        except ValidationError as error:
            return self.fail(" ".join(error.messages))
        if not text:
            return self.fail(problem)
        if problem:
            self.stderr.write(problem)
        self.stdout.write(text)
        return None

    def fail(self, reason):
        self.stderr.write(reason)
        raise SystemExit(1)


@contextlib.contextmanager
def quiet_logs(*names):
    """The reason on stderr is for people: no tracebacks or parser warnings around it (the
    worker still logs them)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
