"""Instellingen > Vertalingen: the seed's machine translations listed as to be checked by a
native speaker until an editor marks them checked; a translation behind its Dutch page
after that page changed; the site's own machine-made texts; flat queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from website.pages.models import StandardPage
from website.seed.translations import translate_page
from website.testing.utils import find_all, text

pytestmark = pytest.mark.django_db

URL = "/admin/vertalingen/"


def rows(response):
    """The rows of the table of translated pages: [page, language, state, actions]."""
    cells = [[text(cell) for cell in row.iter("td")] for row in find_all(response, "tr")]
    return [row for row in cells if len(row) == 4]


def test_the_seeds_translations_are_listed_as_to_be_checked(admin_client, seeded):
    response = admin_client.get(URL)
    assert response.status_code == 200
    listed = rows(response)
    assert len(listed) == 6 * 5
    assert all("Nog na te laten kijken door een moedertaalspreker" in row[2] for row in listed)
    about = [row for row in listed if row[0] == "Wie zijn wij?"]
    assert [row[1] for row in about] == [
        "Arabisch: من نحن؟",
        "Engels: Who are we?",
        "Pools: Kim jesteśmy?",
        "Turks: Biz kimiz?",
        "Oekraïens: Хто ми?",
    ]
    summaries = [text(summary) for summary in find_all(response, "summary")]
    assert any(
        summary.startswith("Engels: ") and "nog na te laten kijken" in summary
        for summary in summaries
    )


def test_an_editor_marks_a_translation_checked(admin_client, seeded):
    english = Translation.objects.get(
        source__object_repr="Wie zijn wij?", target_locale__language_code="en"
    )
    response = admin_client.post(URL, {"translation": str(english.uuid)}, follow=True)
    assert "“Wie zijn wij?” in het Engels staat als nagekeken." in text(
        find_all(response, "main")[0]
    )
    left = StringTranslation.objects.filter(
        context__object_id=english.source.object_id, locale=english.target_locale
    )
    assert left.filter(translation_type="machine").count() == 0
    assert left.filter(translation_type="manual").count() > 0
    about = [row for row in rows(response) if row[:2] == ["Wie zijn wij?", "Engels: Who are we?"]]
    assert "Nagekeken en bijgewerkt." in about[0][2]
    again = admin_client.post(URL, {"translation": str(english.uuid)}, follow=True)
    assert "stond al als nagekeken" in text(find_all(again, "main")[0])
    missing = admin_client.post(URL, {"translation": "not-a-uuid"}, follow=True)
    assert missing.status_code == 200


def test_a_translation_is_behind_after_the_dutch_page_changed(admin_client, seeded):
    about = StandardPage.objects.get(locale__language_code="nl", slug="wie-zijn-wij")
    about.introduction = "Een nieuwe inleiding."
    about.save_revision().publish()
    listed = rows(admin_client.get(URL))
    behind = [row for row in listed if "Loopt achter op het Nederlands" in row[2]]
    assert {row[0] for row in behind} == {"Wie zijn wij?"}
    assert len(behind) == 5
    # "Bijwerken vanuit het Nederlands" (wagtail-localize's update): no longer behind, but
    # the new sentence has no translation yet, and the overview says so.
    Translation.objects.filter(source__object_repr="Wie zijn wij?").first().source.update_from_db()
    listed = rows(admin_client.get(URL))
    about = [row for row in listed if row[0] == "Wie zijn wij?"]
    assert all("Loopt achter" not in row[2] for row in about)
    assert all("1 zin nog niet vertaald: die staat in het Nederlands" in row[2] for row in about)
    assert all("Nagekeken en bijgewerkt" not in row[2] for row in about)


def test_contributors_cannot_open_it(client, seeded, django_user_model):
    user = django_user_model.objects.create_user("bijdrager", password="x" * 20)
    client.force_login(user)
    assert client.get(URL).status_code == 302


def test_the_overview_costs_the_same_queries_however_many_translations(admin_client, seeded):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(URL).status_code == 200
        return len(queries)

    count()  # the admin's own caches warm up
    before = count()
    for page in Page.objects.filter(locale__language_code="nl", depth=3).specific()[:3]:
        if not Page.objects.filter(
            translation_key=page.translation_key, locale__language_code="en"
        ).exists():
            translate_page(page, "en", {})
    assert Translation.objects.count() > 30
    count()  # the content changed: the caches warm up again
    assert count() == before


def test_the_translation_editor_says_publish_in_dutch(admin_client, seeded):
    """wagtail-localize's own Dutch lost a space ("Publiceer inEnglish"); ours wins."""
    catalog = admin_client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert '"Publish in ": "Publiceren: "' in catalog
