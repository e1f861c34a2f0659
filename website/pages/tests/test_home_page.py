"""The home page shows the network at work: next dates, latest publications, stories and the
campaigns; an empty kind is left out (the agenda says so in one line)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.library.factories import (
    CampaignPageFactory,
    LibraryIndexPageFactory,
    PublicationPageFactory,
)
from website.stories.factories import StoryIndexPageFactory, StoryPageFactory
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home_page):
    return {
        "agenda": AgendaIndexPageFactory(parent=home_page),
        "library": LibraryIndexPageFactory(parent=home_page),
        "stories": StoryIndexPageFactory(parent=home_page),
    }


def section(response, heading_id):
    return find_one(main_content(response), "section", aria_labelledby=heading_id)


def titles(element):
    """The linked titles of the cards in `element`, in order."""
    return [text(find_one(h3, "a")) for h3 in find_all(element, "h3")]


def add_work(sections, count, start=0):
    for n in range(start, start + count):
        add_date(EventPageFactory(parent=sections["agenda"], title=f"Bijeenkomst {n}"), days=n + 1)
        PublicationPageFactory(
            parent=sections["library"], title=f"Brief {n}", date=datetime.date(2016, 1, n + 1)
        )
        StoryPageFactory(
            parent=sections["stories"], title=f"Verhaal {n}", date=datetime.date(2026, 1, n + 1)
        )


def test_shows_the_next_dates_and_the_newest_publications_and_stories(client, sections):
    add_work(sections, 5)
    CampaignPageFactory(parent=sections["library"], title="Najaarsactie")
    response = client.get("/")
    agenda = section(response, "home-agenda")
    assert titles(agenda) == ["Bijeenkomst 0", "Bijeenkomst 1", "Bijeenkomst 2"]
    assert find_one(agenda, "a", href=sections["agenda"].url) is not None
    publications = section(response, "home-publications")
    assert titles(publications) == ["Brief 4", "Brief 3", "Brief 2"]
    stories = section(response, "home-stories")
    assert titles(stories) == ["Verhaal 4", "Verhaal 3", "Verhaal 2"]
    assert titles(section(response, "home-campaigns")) == ["Najaarsactie"]


def test_an_empty_kind_is_left_out_and_an_empty_agenda_says_so(client, sections):
    response = client.get("/")
    content = main_content(response)
    headings = [text(h2) for h2 in find_all(content, "h2")]
    assert "Nieuwste documenten" not in headings
    # No stories yet: the section still invites people to share theirs.
    stories = section(response, "home-stories")
    assert titles(stories) == []
    assert find_one(stories, "a").get("href") == sections["stories"].url + "deel-je-verhaal/"
    assert "Campagnes" not in headings
    agenda = section(response, "home-agenda")
    assert text(agenda).startswith("Binnenkort Er staan nu geen activiteiten gepland.")
    assert find_one(agenda, "a").get("href") == sections["agenda"].url + "archief/"


def test_query_count_stays_flat_as_content_grows(client, sections):
    def count():
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    add_work(sections, 1)
    few = count()
    add_work(sections, 8, start=1)
    for n in range(4):
        CampaignPageFactory(parent=sections["library"], title=f"Campagne {n}")
    assert count() == few
