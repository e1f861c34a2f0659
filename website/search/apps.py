from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate

# Applying one of these re-indexes everything once the migrations have run (see each).
REINDEXING_MIGRATIONS = {
    ("site_search", "0001_fold_index"),
    ("site_search", "0002_index_per_language"),
}


class SearchConfig(AppConfig):
    name = "website.search"
    label = "site_search"
    verbose_name = "Zoeken"

    def ready(self):
        post_migrate.connect(reindex_after_format_change, sender=self)


def reindex_after_format_change(plan=None, using="default", **kwargs):
    """Rebuild the search index when this migrate run applied a migration in
    `REINDEXING_MIGRATIONS` and there is something to index (a fresh database has not)."""
    applied = {(m.app_label, m.name) for m, backwards in plan or [] if not backwards}
    if applied & REINDEXING_MIGRATIONS and has_content(using):
        call_command("update_index", verbosity=0)


def has_content(using):
    # Models cannot be imported before the app registry is ready (this module is read first).
    from wagtail.models import Page  # noqa: PLC0415

    from website.core.media import CustomDocument  # noqa: PLC0415

    pages = Page.objects.using(using).filter(depth__gt=2)  # below a home page
    return pages.exists() or CustomDocument.objects.using(using).exists()
