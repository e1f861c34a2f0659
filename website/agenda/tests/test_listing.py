"""The agenda page: upcoming first by month, filters in the URL, archive per year."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from website.agenda.factories import in_days
from website.testing.utils import assert_valid_html, find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db


def titles(content):
    return re.findall(r'class="event-item__title"><a href="[^"]+">([^<]+)</a>', content)


def event_items(response):
    """The entries (parsed) of the agenda list in the page's main content."""
    return find_all(find_one(response, "main"), "li", "event-item")


def status_badge(item):
    """The status line of an agenda entry ("Afgelast", "Verplaatst: …"), or None."""
    badges = find_all(item, "p", "status-badge")
    return text(badges[0]) if badges else None


def test_upcoming_dates_in_order_grouped_by_month_and_past_ones_left_out(
    client, agenda, make_event
):
    make_event(days=40, title="Later")
    make_event(days=3, title="Eerst")
    make_event(days=-5, title="Geweest")
    response = client.get(agenda.url)
    content = main_content(response)
    assert_valid_html(response.content.decode())
    assert titles(content) == ["Eerst", "Later"]
    # Each entry sits in the section of its month.
    month = find_one(response, "section", aria_labelledby=f"maand-{in_days(3):%Y-%m}")
    assert find_one(month, "h2").get("id") == f"maand-{in_days(3):%Y-%m}"
    assert [text(find_one(item, "h3")) for item in find_all(month, "li", "event-item")][0] == (
        "Eerst"
    )


def test_a_series_shows_each_date_as_its_own_entry(client, agenda, make_event):
    make_event(
        title="Alliantiedagen",
        dates=[
            {"days": 5, "city": "Rotterdam", "province": "zuid-holland"},
            {"days": 12, "city": "Roermond", "province": "limburg"},
            {"days": 20, "city": "Beilen", "province": "drenthe"},
        ],
    )
    content = main_content(client.get(agenda.url))
    assert titles(content) == ["Alliantiedagen"] * 3
    for city in ("Rotterdam", "Roermond", "Beilen"):
        assert city in content


def test_filters_by_kind_province_and_city_live_in_the_url(client, agenda, make_event):
    make_event(
        title="Dag Drenthe",
        kind="alliantiedag",
        dates=[{"days": 5, "city": "Beilen", "province": "drenthe"}],
    )
    make_event(
        title="Overleg Utrecht",
        kind="agendacommissie",
        dates=[{"days": 6, "city": "Utrecht", "province": "utrecht"}],
    )

    assert titles(main_content(client.get(agenda.url, {"soort": "alliantiedag"}))) == [
        "Dag Drenthe"
    ]
    assert titles(main_content(client.get(agenda.url, {"provincie": "utrecht"}))) == [
        "Overleg Utrecht"
    ]
    assert titles(main_content(client.get(agenda.url, {"plaats": "beilen"}))) == ["Dag Drenthe"]
    hostile = client.get(agenda.url, {"soort": "<script>", "plaats": "x" * 10_000})
    assert hostile.status_code == 200
    assert "<script>" not in main_content(hostile)


def test_archive_per_year_has_its_own_url(client, agenda, make_event):
    last_year = timezone.localdate().year - 1
    days_back = (timezone.localdate() - datetime.date(last_year, 6, 1)).days
    make_event(days=-days_back, title="Oud overleg")
    make_event(days=5, title="Nieuw")

    response = client.get(agenda.url + "archief/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/archief/{last_year}/")
    archive = main_content(client.get(agenda.url + f"archief/{last_year}/"))
    assert titles(archive) == ["Oud overleg"]
    assert text(find_one(find_one(archive, "main"), "h1")) == f"Archief {last_year}"
    assert client.get(agenda.url + "archief/1999/").status_code == 404


def test_cancelled_and_moved_dates_stay_visible_and_are_marked(client, agenda, make_event):
    make_event(title="Afgelast overleg", dates=[{"days": 4, "status": "afgelast"}])
    make_event(
        title="Verplaatst overleg",
        dates=[{"days": 8, "status": "verplaatst", "status_note": "Nieuwe datum volgt."}],
    )
    items = event_items(client.get(agenda.url))
    assert [(text(find_one(item, "h3")), status_badge(item)) for item in items] == [
        ("Afgelast overleg", "Afgelast"),
        ("Verplaatst overleg", "Verplaatst: Nieuwe datum volgt."),
    ]
    assert "event-item--cancelled" in items[0].get("class").split()
    assert find_one(items[1], "strong").text == "Verplaatst"


def test_vague_date_shows_its_label(client, agenda, make_event):
    make_event(title="Gesprek", dates=[{"days": 30, "date_label": "najaar"}])
    (item,) = event_items(client.get(agenda.url))
    assert text(find_one(item, "p", "event-item__when")) == f"Najaar {in_days(30).year}"


def test_pagination(client, agenda, make_event, settings):
    for day in range(1, 24):
        make_event(days=day, title=f"Activiteit {day:02d}")
    first = main_content(client.get(agenda.url))
    second = main_content(client.get(agenda.url, {"pagina": 2}))
    assert len(titles(first)) == 20
    assert len(titles(second)) == 3
    assert "Pagina 1 van 2" in first
    assert client.get(agenda.url, {"pagina": "abc"}).status_code == 200


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, renditions) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_events(client, agenda, make_event):
    for day in range(2):
        make_event(days=day + 1)
    few = count_queries(client, agenda.url)
    for day in range(15):
        make_event(days=day + 5, dates=[{"days": day + 5}, {"days": day + 6}])
    many = count_queries(client, agenda.url)
    assert many == few


def test_home_page_shows_the_next_three_events(client, home_page, agenda, make_event):
    for day, title in [(9, "Vierde"), (1, "Eerste"), (4, "Derde"), (6, "Vijfde")]:
        make_event(days=day, title=title)
    make_event(days=2, title="Afgelast", dates=[{"days": 2, "status": "afgelast"}])
    response = client.get(home_page.url)
    content = main_content(response)
    # A cancelled date stays visible, marked as cancelled.
    assert titles(content) == ["Eerste", "Afgelast", "Derde"]
    assert [status_badge(item) for item in event_items(response)] == [None, "Afgelast", None]
    assert "Bekijk de hele agenda" in content


def test_event_page_has_schema_org_event(client, make_event):
    page = make_event(
        title="Alliantiedag",
        dates=[
            {
                "days": 5,
                "venue_name": "Buurthuis",
                "city": "Roermond",
                "province": "limburg",
                "start_time": datetime.time(10, 0),
                "end_time": datetime.time(15, 30),
            },
            {"days": 9, "status": "afgelast"},
        ],
    )
    response = client.get(page.url)
    content = response.content.decode()
    assert_valid_html(content)
    data = json.loads(find_one(content, "script", type="application/ld+json").text)
    assert [event["@type"] for event in data] == ["Event", "Event"]
    assert data[0]["name"] == "Alliantiedag"
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    start = datetime.datetime.combine(in_days(5), datetime.time(10, 0), tzinfo=amsterdam)
    assert data[0]["startDate"] == start.isoformat()  # +01:00 or +02:00, as on that day
    assert data[0]["location"]["address"]["addressLocality"] == "Roermond"
    assert data[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert data[1]["eventStatus"] == "https://schema.org/EventCancelled"
    # Each coming date with a time links to its own calendar file; the cancelled one too.
    dates = find_all(find_one(content, "ul", "event-dates"), "li", "event-date")
    calendar_links = [
        [a.get("href") for a in find_all(date, "a") if text(a).startswith("Zet in je agenda")]
        for date in dates
    ]
    assert calendar_links == [
        [f"{page.url}ical/{date.get('id').removeprefix('datum-')}/"] for date in dates
    ]
