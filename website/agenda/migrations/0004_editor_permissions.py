"""Editors and moderators manage sign-ups: give Wagtail's default groups the permissions."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
CODENAMES = ["view_registration", "change_registration", "delete_registration"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally made after all migrations ran; make them now.
    app_config = apps.get_app_config("agenda")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="agenda", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
