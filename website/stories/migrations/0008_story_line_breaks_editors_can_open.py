import json

from django.db import migrations

# Stories sent in before this had "<br>" in their body, which Wagtail's rich text editor
# cannot open (the edit page failed); it writes "<br/>".


def fix_breaks(text):
    return text.replace("<br>", "<br/>")


def fix_drafts(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for page in StoryPage.objects.all():
        raw = json.dumps(list(page.body.raw_data))
        if "<br>" in raw:
            page.body = json.loads(fix_breaks(raw))
            page.save(update_fields=["body"])
    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is None:
        return
    for revision in Revision.objects.filter(content_type=story_type):
        body = revision.content.get("body")
        if isinstance(body, str) and "<br>" in body:
            revision.content["body"] = fix_breaks(body)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_block_descriptions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(fix_drafts, migrations.RunPython.noop)]
