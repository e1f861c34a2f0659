from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from website.core.indexing import index_updates_once
from website.core.registry import seed_steps
from website.seed.context import SeedContext


class Command(BaseCommand):
    help = (
        "Turn the old site's text (the seed) into content. Creates what is missing and "
        "leaves existing content alone, so it can run on every start."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed-dir", default=str(settings.SEED_DIR))

    def handle(self, *args, seed_dir, **options):
        try:
            ctx = SeedContext.load(seed_dir, log=self.stdout.write)
        except FileNotFoundError as error:
            raise CommandError(f"Seed not found: {error.filename}") from error
        # Each object's index updates once, here, not one for every save in the worker's queue.
        with transaction.atomic(), index_updates_once():
            for step in seed_steps():
                step(ctx)
        if ctx.created:
            self.stdout.write(self.style.SUCCESS("Seed geladen: " + ", ".join(ctx.created)))
        else:
            self.stdout.write("Seed: alles bestond al, niets veranderd.")
