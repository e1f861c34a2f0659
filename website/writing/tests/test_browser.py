"""The schrijfhulp and the project's content checks in the real page editor (Chromium):
an editor opens the Checks panel of a page with a long sentence, a difficult word, a link
"klik hier", a skipped heading level and an image described by its file name."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from website.articles.factories import ArticlePageFactory
from website.articles.models import ArticleIndexPage
from website.core.factories import ImageFactory

pytestmark = pytest.mark.browser
PASSWORD = "een-lang-wachtwoord-voor-de-test"

LONG = (
    "De Alliantie vindt dat het kabinet de bijstand en de AOW moet verhogen omdat veel "
    "mensen met een laag inkomen op dit moment hun boodschappen, de huur en de "
    "energierekening niet meer kunnen betalen."
)


def page_with_problems(parent):
    image = ImageFactory(title="IMG_2024.jpg")
    return ArticlePageFactory(
        parent=parent,
        title="Een bericht om te controleren",
        date="2026-11-30",
        body=json.dumps(
            [
                {"type": "paragraph", "value": f"<p>{LONG} Lees wat de participatiewet zegt.</p>"},
                {"type": "heading", "value": {"text": "Meer weten", "level": "h4"}},
                {
                    "type": "paragraph",
                    "value": '<p>Het manifest: <a href="https://example.org/">klik hier</a>.</p>',
                },
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": image.pk,
                            "alt_text": "IMG_2024.jpg",
                            "decorative": False,
                        },
                        "caption": "",
                    },
                },
            ]
        ),
    )


def log_in(browser):
    user = get_user_model().objects.create_user("redacteur", "r@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Redactie"))
    browser.log_in("redacteur", PASSWORD)


def test_the_checks_panel_shows_the_schrijfhulp_and_the_projects_rules(seeded_live, open_browser):
    page_obj = page_with_problems(ArticleIndexPage.objects.filter(depth=3).first())
    browser = open_browser(seeded_live.url, width=1280)
    log_in(browser)
    browser.open(f"/admin/pages/{page_obj.pk}/edit/")
    page = browser.page
    page.click("[data-side-panel-toggle='checks']")

    schrijfhulp = page.locator("#schrijfhulp")
    expect(schrijfhulp.locator("[data-schrijfhulp='long-sentences'] li")).to_contain_text(
        "34 woorden", timeout=20_000
    )
    expect(schrijfhulp.locator("[data-schrijfhulp='jargon']")).to_contain_text(
        "participatiewet: schrijf liever “de wet voor werk en bijstand”"
    )
    expect(schrijfhulp).to_contain_text("Flesch-Douma")
    # One verdict on the text: Wagtail's own readability score (another count, another
    # formula) is not shown beside it.
    expect(page.locator("[data-content-readability-score]")).to_be_hidden()
    expect(page.locator("[data-content-word-count]")).to_be_hidden()

    issues = page.locator("[data-checks-panel]")
    expect(issues).to_contain_text("Linktekst zegt niet waar de link heen gaat", timeout=20_000)
    expect(issues).to_contain_text("Een kopniveau overgeslagen")
    expect(issues).to_contain_text("De beschrijving van een afbeelding lijkt een bestandsnaam")
    assert browser.external_requests() == []
