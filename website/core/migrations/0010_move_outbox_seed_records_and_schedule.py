# The outbox, the seed's records and the scheduler's runs moved to the apps mail, seed and
# operations. Their tables keep their names, so only Django's idea of the models moves here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0009_dutch_media_names"),
        ("mail", "0001_initial"),
        ("seed", "0001_initial"),
        ("operations", "0001_initial"),
        ("newsletter", "0005_delivery_email_in_mail_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OutgoingEmail"),
                migrations.DeleteModel(name="SeedRecord"),
                migrations.DeleteModel(name="PeriodicTaskRun"),
            ],
        ),
    ]
