"""A marker, no schema: when this is applied, `SearchConfig` re-indexes everything after the
migrations have run, so text indexed before queries and index were folded alike
(website.text.fold) is folded too. Indexing needs every model's current columns, which a
migration in the middle of the graph cannot count on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []
    operations = []
