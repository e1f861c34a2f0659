"""A Word line break (U+000B) and other control characters pasted into any field never
reach a feed, calendar, sitemap or JSON-LD: they are cleaned where text enters, and every
serializer drops what is left over in old data. Each output is parsed back by an
independent, strict parser."""

import json

import feedparser
import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.base import ContentFile
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.agenda.ical import calendar_bytes
from website.agenda.models import EventDate, EventPage
from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.articles.models import ArticlePage
from website.core.models import CustomDocument
from website.network.factories import MemberOrganisationFactory
from website.network.models import MemberOrganisation
from website.testing.utils import assert_valid_html

pytestmark = pytest.mark.django_db

PASTED = "Armoede\x0bin\x00Nederland\x1b\x7f\x85\u2028\ufffe"
# What old rows can hold: PostgreSQL stores no NUL at all.
STORED = PASTED.replace("\x00", "")
FORBIDDEN = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
FORBIDDEN |= {chr(c) for c in range(0x80, 0xA0)} | {"\ufffe", "\uffff", "\u2028"}


def assert_clean(text):
    assert not FORBIDDEN & set(text), repr(text)


def strict_calendar(content):
    """Parsed by icalendar and by ical (a strict RFC 5545 parser, which refuses the
    whole calendar for one control character)."""
    IcsCalendarStream.calendar_from_ics(content.decode())
    return Calendar.from_ical(content)


def json_ld(html):
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_text_is_cleaned_where_it_enters(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index,
        title=PASTED,
        introduction=f"Eerste regel{PASTED}",
        body=[("paragraph", f"<p>Tekst{PASTED}</p>")],
    )
    article.refresh_from_db()
    assert article.title == "Armoede inNederland"  # one line: the line breaks are spaces
    # NEL and the line separator are line breaks too; the rest is gone.
    assert article.introduction == "Eerste regelArmoede\ninNederland\n\n"
    assert article.body[0].value.source == "<p>TekstArmoede\ninNederland\n\n</p>"
    organisation = MemberOrganisationFactory(name=PASTED)
    organisation.refresh_from_db()
    assert organisation.name == "Armoede inNederland"
    document = CustomDocument(title=PASTED)
    document.file.save("brief.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    document.refresh_from_db()
    assert document.title == "Armoede inNederland"


def test_every_output_survives_characters_in_old_data(client, home_page):
    """Text stored before cleaning existed (written past pre_save, as old rows are)."""
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=index, title="Achtergrond")
    ArticlePage.objects.filter(pk=article.pk).update(title=STORED, introduction=STORED)
    agenda = AgendaIndexPageFactory(parent=home_page)
    organiser = MemberOrganisationFactory()
    event = EventPageFactory(parent=agenda, organiser=organiser)
    event_date = add_date(event)
    EventPage.objects.filter(pk=event.pk).update(title=STORED, introduction=STORED)
    EventDate.objects.filter(pk=event_date.pk).update(
        venue_name=STORED, city=STORED, status_note=STORED
    )
    MemberOrganisation.objects.filter(pk=organiser.pk).update(name=STORED)

    for path in ("feed/rss/", "feed/atom/"):
        response = client.get(index.url + path)
        assert response.status_code == 200
        assert_clean(response.content.decode())
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.entries[0].title == "Armoede inNederland"

    for path in ("ical/", f"ical/{event_date.pk}/"):
        content = client.get(event.url + path).content
        assert_clean(content.decode())
        (vevent,) = strict_calendar(content).walk("VEVENT")
        assert "Armoede inNederland" in str(vevent["SUMMARY"])
    for path in ("ical/", "ical/bijeenkomst/"):
        (vevent,) = strict_calendar(client.get(agenda.url + path).content).walk("VEVENT")
        assert "Armoede inNederland" in str(vevent["LOCATION"])
    strict_calendar(calendar_bytes([EventDate.objects.get(pk=event_date.pk)], PASTED))

    html = client.get(EventPage.objects.get(pk=event.pk).url).content.decode()
    data = json_ld(html)
    assert_clean(json.dumps(data, ensure_ascii=False))
    assert data["organizer"]["name"].split() == ["Armoede", "inNederland"]
    home = client.get("/").content.decode()
    assert_clean(json.dumps(json_ld(home), ensure_ascii=False))

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    fromstring(sitemap.content)  # well-formed XML


def test_a_page_with_pasted_characters_is_valid_html(client, home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index, introduction=PASTED, body=[("paragraph", f"<p>{PASTED}</p>")]
    )
    assert_valid_html(client.get(article.url).content.decode())
