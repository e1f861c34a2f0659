"""A marker, no schema: when this is applied, `DocumentsConfig` reads every stored document
again after the migrations have run (a task per document), so headers, footers and filled-in
PDF form fields, read since, are searchable in files uploaded before too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []
    operations = []
