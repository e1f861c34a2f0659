"""Redactie keeps the schrijfhulp's list of difficult words (the Beheerder has every
permission already, see roles.give_administrators_everything)."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions  # noqa: PLC0415

    app_config = apps.get_app_config("writing")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Redactie").first()
    if editors:
        editors.permissions.add(*Permission.objects.filter(content_type__app_label="writing"))


class Migration(migrations.Migration):
    dependencies = [
        ("contributors", "0002_roles"),
        ("writing", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
