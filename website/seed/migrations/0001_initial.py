# The seed's bookkeeping moved here from the core app (core 0010); the table keeps its name.

import django.db.models.deletion
from django.db import migrations, models

from website.core import moves

MOVE_CONTENT_TYPES = moves.move_content_types(["seedrecord"], "seed")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_dutch_media_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='SeedRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200, unique=True)),
                ('object_id', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'Geïmporteerd uit de seed',
                'verbose_name_plural': 'Geïmporteerd uit de seed',
                'db_table': 'core_seedrecord',
            },
        ),
                ],
        ),
        migrations.RunPython(*MOVE_CONTENT_TYPES),
    ]
