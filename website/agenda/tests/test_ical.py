"""iCal files parsed back with the icalendar library."""

import datetime

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from website.agenda.factories import add_date, in_days
from website.agenda.models import EventDate

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert response.headers["Content-Disposition"].startswith("attachment; filename")
    # A second, strict RFC 5545 parser: it refuses what lenient calendar apps let through.
    IcsCalendarStream.calendar_from_ics(response.content.decode())
    return Calendar.from_ical(response.content)


def events(calendar):
    return [component for component in calendar.walk("VEVENT")]


def test_all_day_event(client, make_event):
    page = make_event(title="Alliantiedag", days=10)
    calendar = parse(client.get(page.url + "ical/"))
    (event,) = events(calendar)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == in_days(10)
    assert event.decoded("DTEND") == in_days(11)  # exclusive end: the day after
    assert event["DTSTAMP"]
    assert event["UID"]
    assert event["STATUS"] == "CONFIRMED"
    assert int(event["SEQUENCE"]) >= 0


def test_timed_event_in_amsterdam_time_with_vtimezone(client, make_event):
    page = make_event(
        dates=[{"days": 10, "start_time": datetime.time(19, 30), "end_time": datetime.time(21, 0)}]
    )
    calendar = parse(client.get(page.url + "ical/"))
    (event,) = events(calendar)
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (19, 30)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTEND").hour == 21
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_cancelled_event(client, make_event):
    page = make_event(dates=[{"days": 10, "status": "afgelast"}])
    (event,) = events(parse(client.get(page.url + "ical/")))
    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Afgelast:")


def test_series_has_one_event_per_date_with_stable_uids(client, make_event):
    page = make_event(
        title="Alliantiedagen",
        dates=[{"days": 5, "city": "Rotterdam"}, {"days": 12, "city": "Roermond"}],
    )
    first = events(parse(client.get(page.url + "ical/")))
    again = events(parse(client.get(page.url + "ical/")))
    assert len(first) == 2
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in again]
    assert len({str(e["UID"]) for e in first}) == 2
    assert [str(e["SUMMARY"]) for e in first] == [
        "Alliantiedagen – Rotterdam",
        "Alliantiedagen – Roermond",
    ]
    one = EventDate.objects.get(page=page, city="Roermond")
    (single,) = events(parse(client.get(page.url + f"ical/{one.pk}/")))
    assert str(single["UID"]) == str(first[1]["UID"])


def test_sequence_rises_when_the_event_changes(client, make_event):
    page = make_event(days=10)
    (before,) = events(parse(client.get(page.url + "ical/")))
    page.refresh_from_db()
    page.last_published_at = page.last_published_at - datetime.timedelta(hours=1)
    page.save(update_fields=["last_published_at"])
    (older,) = events(parse(client.get(page.url + "ical/")))
    add_date(page, days=20)  # publishing again
    after = [e for e in events(parse(client.get(page.url + "ical/"))) if e["UID"] == before["UID"]][
        0
    ]
    assert int(older["SEQUENCE"]) < int(after["SEQUENCE"])


def test_feeds_of_all_dates_and_per_kind_keep_the_past_year(client, agenda, make_event):
    """A subscribed calendar keeps last year's dates: yesterday's event must not vanish
    from people's calendars. Older dates and dates without a day stay out."""
    make_event(title="Dag", kind="alliantiedag", days=5)
    make_event(title="Commissie", kind="agendacommissie", days=6)
    make_event(title="Geweest", kind="alliantiedag", days=-3)
    make_event(title="Vorig jaar", kind="alliantiedag", days=-300)
    make_event(title="Lang geleden", kind="alliantiedag", days=-400)
    make_event(title="Vaag", kind="alliantiedag", dates=[{"days": 40, "date_label": "najaar"}])
    calendar = parse(client.get(agenda.url + "ical/"))
    assert str(calendar["X-WR-CALNAME"]) == agenda.title  # a subscription has a name
    everything = [str(e["SUMMARY"]) for e in events(calendar)]
    assert everything == [
        "Vorig jaar – Utrecht",
        "Geweest – Utrecht",
        "Dag – Utrecht",
        "Commissie – Utrecht",
    ]
    days = [str(e["SUMMARY"]) for e in events(parse(client.get(agenda.url + "ical/alliantiedag/")))]
    assert days == ["Vorig jaar – Utrecht", "Geweest – Utrecht", "Dag – Utrecht"]
    assert client.get(agenda.url + "ical/onbekend/").status_code == 404


def test_vague_date_has_no_calendar_file(client, make_event):
    page = make_event(dates=[{"days": 40, "date_label": "najaar"}])
    assert client.get(page.url + "ical/").status_code == 404


def test_multi_day_timed_event_ends_after_its_last_day(client, make_event):
    page = make_event(
        dates=[{"days": 10, "start_time": datetime.time(10, 0), "end_date": in_days(12)}]
    )
    (event,) = events(parse(client.get(page.url + "ical/")))
    assert event.decoded("DTEND").date() == in_days(13)


def test_empty_feed_is_still_a_valid_calendar(client, agenda):
    calendar = parse(client.get(agenda.url + "ical/alliantieraad/"))
    assert events(calendar) == []
    assert calendar.walk("VTIMEZONE")


def test_private_events_stay_out_of_listing_and_feeds(client, agenda, make_event):
    page = make_event(title="Besloten overleg", days=5)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "Besloten overleg" not in client.get(agenda.url).content.decode()
    assert b"Besloten overleg" not in client.get(agenda.url + "ical/").content


def test_copying_an_event_gives_its_dates_new_uids(make_event, agenda):
    page = make_event(title="Origineel", days=5)
    copy = page.copy(update_attrs={"title": "Kopie", "slug": "kopie"})
    original_uid = EventDate.objects.get(page=page).uid
    assert EventDate.objects.get(page=copy).uid != original_uid


def test_an_accented_title_keeps_its_file_name(client, make_event):
    """RFC 6266: browsers save "café-avond.ics", not "download.ics"."""
    page = make_event(title="Café-avond", slug="café-avond")  # as Wagtail's editor makes it
    disposition = client.get(page.url + "ical/").headers["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''caf%C3%A9-avond.ics"
