"""The editors' guide: the seed's chapters with their screenshots in the admin under Hulp,
readable by every role, added once; the seed's little text format read as written."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from website.testing.utils import find_all, find_one, text
from website.writing.models import GuideChapter
from website.writing.seed import guide_chapters

pytestmark = pytest.mark.django_db

CONTRIBUTING = "Als bijdrager iets insturen"
CHAPTERS = [
    "Een activiteit in de agenda zetten",
    CONTRIBUTING,
    "Een rapport of brief publiceren",
    "Een ingestuurd verhaal beoordelen",
    "Een nieuwsbrief versturen",
    "Een bijdrager uitnodigen",
]


def test_the_format_gives_steps_lists_paragraphs_and_screenshots():
    source = """# Een café & <b>boek</b> toevoegen
> Voor één keer.
Voor: wie publiceert

1. Kies **Pagina's**.
2. Klik op

- los punt

Een zin die doorloopt
op de volgende regel.

### Let op

![Het formulier “nieuw”](guide/x.png)

Daarna: klaar.
"""
    (chapter,) = guide_chapters(source)
    assert chapter["title"] == "Een café & <b>boek</b> toevoegen"  # escaped when shown
    assert chapter["summary"] == "Voor één keer."
    assert chapter["for_publishers"] is True
    assert chapter["body"] == [
        (
            "text",
            "<ol><li>Kies <b>Pagina&#x27;s</b>.</li><li>Klik op</li></ol><ul><li>los punt</li>"
            "</ul><p>Een zin die doorloopt op de volgende regel.</p><h3>Let op</h3>",
        ),
        ("screenshot", ("Het formulier “nieuw”", "guide/x.png")),
        ("text", "<p>Daarna: klaar.</p>"),
    ]


def test_every_role_reads_the_guide_under_hulp(client, seeded, django_user_model):
    assert list(GuideChapter.objects.values_list("title", flat=True)) == CHAPTERS
    publishing = ("Beheerder", "Redactie")
    for role, may_change in (("Beheerder", True), ("Redactie", False), ("Bijdrager", False)):
        user = django_user_model.objects.create_user(role.lower(), f"{role}@example.org", "x")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        dashboard = client.get("/admin/").content.decode()
        assert "/admin/handleiding/" in dashboard  # Hulp menu
        # Not Wagtail's English pages, nor their "new" badge.
        assert "editor-guide" not in dashboard and "whats-new-in-wagtail" not in dashboard
        guide = client.get("/admin/handleiding/")
        main = find_one(guide, "main")
        # A contributor, who does not publish, reads the chapters on what they do.
        chapters = CHAPTERS if role in publishing else CHAPTERS[:2]
        assert [text(h2) for h2 in find_all(main, "h2")] == ["Wat wil je doen?", *chapters]
        screenshots = find_all(main, "img")
        assert len(screenshots) == len(chapters) - 1  # sending in: steps without a picture
        assert all(len(image.get("alt", "")) > 20 for image in screenshots)
        assert all("/images/handleiding-" in image.get("src", "") for image in screenshots)
        change = [a for a in find_all(main, "a") if text(a) == "Handleiding aanpassen"]
        assert bool(change) == may_change, role


def test_the_seed_adds_each_chapter_once_and_keeps_an_editors_change(seeded):
    chapter = GuideChapter.objects.get(title=CHAPTERS[0])
    chapter.title = "Activiteiten"
    chapter.save()
    GuideChapter.objects.get(title=CHAPTERS[2]).delete()
    call_command("load_seed", stdout=io.StringIO())
    assert list(GuideChapter.objects.values_list("title", flat=True)) == [
        "Activiteiten",
        CHAPTERS[1],
        *CHAPTERS[3:],
    ]
