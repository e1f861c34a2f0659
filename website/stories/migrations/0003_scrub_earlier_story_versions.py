"""Stories published before earlier versions were overwritten on publish: give their earlier
versions the published content and their history the published title, as publishing does
now (website.stories.signals.forget_earlier_versions)."""

from django.db import migrations


def scrub_earlier_versions(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    for page in StoryPage.objects.filter(live=True, live_revision__isnull=False):
        published = Revision.objects.get(pk=page.live_revision_id)
        Revision.objects.filter(
            base_content_type_id=published.base_content_type_id,
            object_id=published.object_id,
            created_at__lte=published.created_at,
        ).exclude(pk=published.pk).update(
            content=published.content, object_str=published.object_str
        )
        PageLogEntry.objects.filter(page_id=page.pk).update(label=published.object_str)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_storypage_themes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(scrub_earlier_versions, migrations.RunPython.noop)]
