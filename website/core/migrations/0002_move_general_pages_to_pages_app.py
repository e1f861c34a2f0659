# The home, standard and contact pages moved to the pages app. Their tables stay as they are
# (the pages app uses the same table names), so only Django's idea of the models moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='contactpage',
                name='page_ptr',
            ),
            migrations.RemoveField(
                model_name='homepage',
                name='page_ptr',
            ),
            migrations.RemoveField(
                model_name='standardpage',
                name='page_ptr',
            ),
            migrations.DeleteModel(
                name='ContactFormField',
            ),
            migrations.DeleteModel(
                name='ContactPage',
            ),
            migrations.DeleteModel(
                name='HomePage',
            ),
            migrations.DeleteModel(
                name='StandardPage',
            ),
            ],
        ),
    ]
