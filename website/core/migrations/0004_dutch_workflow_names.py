from django.db import migrations

# Wagtail names its default workflow and task after the group ("Moderators approval");
# editors see the names in the admin, in mails and in the page's status.
NEW_NAMES = {
    "wagtailcore.Workflow": "Goedkeuring redactie",
    "wagtailcore.Task": "Goedkeuring door de redactie",
}


def dutch_names(apps, schema_editor):
    for model_path, name in NEW_NAMES.items():
        apps.get_model(model_path).objects.filter(name="Moderators approval").update(name=name)


def english_names(apps, schema_editor):
    for model_path, name in NEW_NAMES.items():
        apps.get_model(model_path).objects.filter(name=name).update(name="Moderators approval")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_outbox_regarding_and_editors_address"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(dutch_names, english_names)]
