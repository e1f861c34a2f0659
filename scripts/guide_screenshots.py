"""The screenshots of the editors' guide (seed/guide/*.png, named in seed/guide.md), taken
in Chromium from a site built as `make run` builds it.

Usage: DATABASE_URL=sqlite:///…/db.sqlite3 python scripts/guide_screenshots.py BASE_URL
with that database migrated and seeded and `manage.py runserver` serving it at BASE_URL.
Logs in as a Redactie member it makes ("handleiding"), with a draft story and a newsletter to
show; the PNGs (1000×700) replace those in seed/guide/. Run it again when the admin changes.
"""

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "seed" / "guide"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def prepare():
    """Django objects to show: an editor, a story waiting for review, a draft newsletter."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django  # noqa: PLC0415 - settings come from the environment

    django.setup()
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.models import Group  # noqa: PLC0415
    from wagtail.models import Page  # noqa: PLC0415

    from website.newsletter.models import NewsletterIndexPage, NewsletterPage  # noqa: PLC0415
    from website.stories.models import StoryIndexPage  # noqa: PLC0415
    from website.stories.submissions import submit_story  # noqa: PLC0415

    password = secrets.token_urlsafe(16)
    editor, _ = get_user_model().objects.get_or_create(username="handleiding")
    editor.set_password(password)
    editor.save()
    editor.groups.add(Group.objects.get(name="Redactie"))
    story, _token = submit_story(
        StoryIndexPage.objects.get(),
        {
            "story": "Ik kom elke maand tekort.",
            "name_choice": "anoniem",
            "shown_name": "",
            "consent_website": True,
        },  # fmt: skip
    )
    archive = NewsletterIndexPage.objects.get()
    newsletter = archive.add_child(
        instance=NewsletterPage(title="Nieuwsbrief", slug=f"n{secrets.token_hex(3)}")
    )
    ids = {
        "agenda": Page.objects.get(slug="agenda").pk,
        "library": Page.objects.get(slug="documenten").pk,
        "story": story.page_id,
        "newsletter": newsletter.pk,
    }
    return password, ids


def shoot(base, password, ids):
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    add, menu = "/admin/pages/add", "footer .w-dropdown__toggle"
    shots = [
        ("handleiding-activiteit", f"{add}/agenda/eventpage/{ids['agenda']}/", None),
        ("handleiding-publicatie", f"{add}/library/publicationpage/{ids['library']}/", None),
        ("handleiding-verhaal", f"/admin/pages/{ids['story']}/edit/", menu),
        ("handleiding-nieuwsbrief", f"/admin/pages/{ids['newsletter']}/edit/", menu),
        ("handleiding-bijdrager", "/admin/bijdragers/new/", None),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 700}, locale="nl-NL")
        page.goto(base + "/admin/login/")
        page.fill("input[name=username]", "handleiding")
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        for name, path, click in shots:
            page.goto(base + path)
            page.wait_for_timeout(800)
            if click:
                page.click(click)
                page.wait_for_timeout(300)
            page.screenshot(path=OUT / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    shoot(sys.argv[1].rstrip("/"), *prepare())
