"""Redactie looks at endorsements and shows names (docs/roles.md; the Beheerder has every
permission already)."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions  # noqa: PLC0415
    from django.contrib.contenttypes.management import create_contenttypes  # noqa: PLC0415

    app_config = apps.get_app_config("endorsements")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Redactie").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="endorsements",
                codename__in=["view_endorsement", "change_endorsement", "delete_endorsement"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contributors", "0002_roles"),
        ("endorsements", "0001_endorsements"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
