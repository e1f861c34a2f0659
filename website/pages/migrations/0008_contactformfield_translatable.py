"""Contact form fields become translatable (wagtail-localize): each gets a locale (its
page's) and a translation key, as Wagtail's BootstrapTranslatableModel does for models
that existed before the site had languages."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_each_field_its_pages_locale(apps, schema_editor):
    ContactFormField = apps.get_model("pages", "ContactFormField")
    for field in ContactFormField.objects.select_related("page"):
        field.locale_id = field.page.locale_id
        field.translation_key = uuid.uuid4()
        field.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_publication_kinds_in_blocks"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_field_its_pages_locale, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="contactformfield",
            unique_together={("translation_key", "locale")},
        ),
    ]
