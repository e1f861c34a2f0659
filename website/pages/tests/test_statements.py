"""The privacy and accessibility statements: seeded once, linked from every page's footer,
and the accessibility statement in the structure of the Dutch government's model."""

import io

import pytest
from django.core.management import call_command

from website.core.models import SiteSettings
from website.pages.models import StandardPage
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db


def test_accessibility_statement_is_seeded_in_the_model_structure_and_linked(seeded, client):
    page = SiteSettings.for_site(seeded).accessibility_page
    assert page is not None and page.live
    assert page.title == "Toegankelijkheid"
    assert not page.show_in_menus
    content = main_content(client.get(page.url))
    assert [text(h2) for h2 in find_all(content, "h2")][:4] == [
        "Hoe toegankelijk is de website?",  # status
        "Wat we testen en hoe",
        "Wat nog niet goed werkt",  # known limitations
        "Loop je ergens tegenaan?",  # contact
    ]
    assert "WCAG 2.2" in content
    footer_links = find_all(find_one(client.get("/"), "footer"), "a")
    assert (page.url, "Toegankelijkheid") in [(a.get("href"), text(a)) for a in footer_links]


def test_editors_keep_their_changes_when_the_seed_runs_again(seeded, client):
    page = StandardPage.objects.get(slug="toegankelijkheid")
    page.title = "Toegankelijkheid van deze website"
    page.save_revision().publish()
    call_command("load_seed", stdout=io.StringIO())
    assert StandardPage.objects.filter(slug="toegankelijkheid").count() == 1
    assert StandardPage.objects.get(slug="toegankelijkheid").title.endswith("deze website")
