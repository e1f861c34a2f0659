"""Wagtail names the tree's invisible top page "Root", which the admin shows as
"Verkennen: Root" and in page choosers: Dutch for it, unless someone renamed it already."""

from django.db import migrations

DUTCH_TITLE = "Alle websites"


def rename_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=DUTCH_TITLE, draft_title=DUTCH_TITLE)


def restore_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=DUTCH_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0013_lower_case_verbose_names"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename_root, restore_root)]
