# The outbox moved to the mail app: the same table and constraint, so only Django's idea of
# the relation changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("mail", "0001_initial"),
        ("newsletter", "0004_newsletterpage_sent_sections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="delivery",
                    name="email",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="mail.outgoingemail",
                    ),
                ),
            ],
        ),
    ]
