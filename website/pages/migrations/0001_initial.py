# The pages were made by the core app (core 0001); this migration takes over Django's idea of
# the models and their content types, so existing pages, revisions and permissions follow.

import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.forms.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ["homepage", "standardpage", "contactpage", "contactformfield"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model__in=MOVED_MODELS).update(app_label="pages")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pages", model__in=MOVED_MODELS).update(app_label="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('core', '0002_move_general_pages_to_pages_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContactPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('introduction', models.TextField(blank=True, help_text='Eén of twee zinnen. Staat bovenaan en in overzichten en zoekmachines.', max_length=600, verbose_name='Inleiding')),
                        ('to_address', models.CharField(blank=True, help_text='Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.', max_length=255, validators=[wagtail.contrib.forms.models.validate_to_address], verbose_name='to address')),
                        ('from_address', models.EmailField(blank=True, max_length=255, verbose_name='from address')),
                        ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                        ('thank_you_text', models.TextField(default='Bedankt voor je bericht. We reageren zo snel mogelijk.', verbose_name='Tekst na het versturen')),
                    ],
                    options={
                        'verbose_name': 'Contactpagina',
                        'db_table': 'core_contactpage',
                    },
                    bases=(wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page', models.Model),
                ),
                migrations.CreateModel(
                    name='HomePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('introduction', models.TextField(blank=True, help_text='Eén of twee zinnen. Staat bovenaan en in overzichten en zoekmachines.', max_length=600, verbose_name='Inleiding')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 6), ('quote', 9), ('document', 12), ('call_to_action', 16), ('list', 20), ('facts', 27), ('chairmanship', 31)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Tekst', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Kop 2'), ('h3', 'Kop 3'), ('h4', 'Kop 4')], 'label': 'Niveau'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Tekst'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Afbeelding'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Onderschrift', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.TextBlock', (), {'label': 'Citaat'}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Wie zei het', 'max_length': 200, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('quote', 7), ('attribution', 8)]], {}), 10: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 11: ('wagtail.blocks.CharBlock', (), {'help_text': 'Laat leeg om de titel van het document te gebruiken.', 'label': 'Linktekst', 'max_length': 200, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('document', 10), ('label', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'Zeg wat er gebeurt.', 'label': 'Knoptekst', 'max_length': 80}), 14: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Pagina op deze site', 'required': False}), 15: ('wagtail.blocks.URLBlock', (), {'label': 'Of een adres elders', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('text', 13), ('page', 14), ('external_url', 15)]], {}), 17: ('wagtail.blocks.BooleanBlock', (), {'default': False, 'label': 'Genummerd', 'required': False}), 18: ('wagtail.blocks.CharBlock', (), {'label': 'Punt', 'max_length': 500}), 19: ('wagtail.blocks.ListBlock', (18,), {'label': 'Punten'}), 20: ('wagtail.blocks.StructBlock', [[('ordered', 17), ('items', 19)]], {}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'Kop', 'max_length': 120, 'required': False}), 22: ('wagtail.blocks.CharBlock', (), {'label': 'Getal', 'max_length': 30}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'Wat het getal betekent', 'max_length': 200}), 24: ('wagtail.blocks.StructBlock', [[('figure', 22), ('label', 23)]], {}), 25: ('wagtail.blocks.ListBlock', (24,), {'label': 'Feiten'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'Bron', 'max_length': 200, 'required': False}), 27: ('wagtail.blocks.StructBlock', [[('heading', 21), ('facts', 25), ('source', 26)]], {}), 28: ('wagtail.blocks.CharBlock', (), {'default': 'Voorzitterschap', 'label': 'Kop', 'max_length': 120}), 29: ('wagtail.blocks.TextBlock', (), {'label': 'Inleiding', 'required': False}), 30: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'label': 'Toon de vorige voorzitters', 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('heading', 28), ('intro', 29), ('show_predecessors', 30)]], {})})),
                    ],
                    options={
                        'verbose_name': 'Startpagina',
                        'db_table': 'core_homepage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='StandardPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('introduction', models.TextField(blank=True, help_text='Eén of twee zinnen. Staat bovenaan en in overzichten en zoekmachines.', max_length=600, verbose_name='Inleiding')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 6), ('quote', 9), ('document', 12), ('call_to_action', 16), ('list', 20), ('facts', 27), ('chairmanship', 31)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Tekst', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Kop 2'), ('h3', 'Kop 3'), ('h4', 'Kop 4')], 'label': 'Niveau'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Tekst'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Afbeelding'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Onderschrift', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.TextBlock', (), {'label': 'Citaat'}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Wie zei het', 'max_length': 200, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('quote', 7), ('attribution', 8)]], {}), 10: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 11: ('wagtail.blocks.CharBlock', (), {'help_text': 'Laat leeg om de titel van het document te gebruiken.', 'label': 'Linktekst', 'max_length': 200, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('document', 10), ('label', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'Zeg wat er gebeurt.', 'label': 'Knoptekst', 'max_length': 80}), 14: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Pagina op deze site', 'required': False}), 15: ('wagtail.blocks.URLBlock', (), {'label': 'Of een adres elders', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('text', 13), ('page', 14), ('external_url', 15)]], {}), 17: ('wagtail.blocks.BooleanBlock', (), {'default': False, 'label': 'Genummerd', 'required': False}), 18: ('wagtail.blocks.CharBlock', (), {'label': 'Punt', 'max_length': 500}), 19: ('wagtail.blocks.ListBlock', (18,), {'label': 'Punten'}), 20: ('wagtail.blocks.StructBlock', [[('ordered', 17), ('items', 19)]], {}), 21: ('wagtail.blocks.CharBlock', (), {'label': 'Kop', 'max_length': 120, 'required': False}), 22: ('wagtail.blocks.CharBlock', (), {'label': 'Getal', 'max_length': 30}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'Wat het getal betekent', 'max_length': 200}), 24: ('wagtail.blocks.StructBlock', [[('figure', 22), ('label', 23)]], {}), 25: ('wagtail.blocks.ListBlock', (24,), {'label': 'Feiten'}), 26: ('wagtail.blocks.CharBlock', (), {'label': 'Bron', 'max_length': 200, 'required': False}), 27: ('wagtail.blocks.StructBlock', [[('heading', 21), ('facts', 25), ('source', 26)]], {}), 28: ('wagtail.blocks.CharBlock', (), {'default': 'Voorzitterschap', 'label': 'Kop', 'max_length': 120}), 29: ('wagtail.blocks.TextBlock', (), {'label': 'Inleiding', 'required': False}), 30: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'label': 'Toon de vorige voorzitters', 'required': False}), 31: ('wagtail.blocks.StructBlock', [[('heading', 28), ('intro', 29), ('show_predecessors', 30)]], {})})),
                    ],
                    options={
                        'verbose_name': 'Standaardpagina',
                        'db_table': 'core_standardpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='ContactFormField',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                        ('label', models.CharField(help_text='The label of the form field', max_length=255, verbose_name='label')),
                        ('field_type', models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field')], max_length=16, verbose_name='field type')),
                        ('required', models.BooleanField(default=True, verbose_name='required')),
                        ('choices', models.TextField(blank=True, help_text='Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.', verbose_name='choices')),
                        ('default_value', models.TextField(blank=True, help_text='Default value. Comma or new line separated values supported for checkboxes.', verbose_name='default value')),
                        ('help_text', models.CharField(blank=True, max_length=255, verbose_name='help text')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='pages.contactpage')),
                    ],
                    options={
                        'db_table': 'core_contactformfield',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
