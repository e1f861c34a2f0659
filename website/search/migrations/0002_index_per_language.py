"""A marker, no schema: when this is applied, `SearchConfig` re-indexes everything after the
migrations have run, so translated pages indexed with the Dutch configuration are indexed
with their own language's (settings.SEARCH_CONFIGS)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_fold_index")]
    operations = []
