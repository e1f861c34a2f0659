"""The agenda page: upcoming first by month, filters in the URL, archive per year."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from website.agenda.factories import in_days
from website.core.tests.utils import assert_valid_html, main_content

pytestmark = pytest.mark.django_db


def titles(content):
    return re.findall(r'class="event-item__title"><a href="[^"]+">([^<]+)</a>', content)


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
    first_month = in_days(3).strftime("%Y-%m")
    assert f'id="maand-{first_month}"' in content


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
    assert f"Archief {last_year}" in archive
    assert client.get(agenda.url + "archief/1999/").status_code == 404


def test_cancelled_and_moved_dates_stay_visible_and_are_marked(client, agenda, make_event):
    make_event(title="Afgelast overleg", dates=[{"days": 4, "status": "afgelast"}])
    make_event(
        title="Verplaatst overleg",
        dates=[{"days": 8, "status": "verplaatst", "status_note": "Nieuwe datum volgt."}],
    )
    content = main_content(client.get(agenda.url))
    assert "Afgelast overleg" in content and "<strong>Afgelast</strong>" in content
    assert "<strong>Verplaatst</strong>: Nieuwe datum volgt." in content


def test_vague_date_shows_its_label(client, agenda, make_event):
    make_event(title="Gesprek", dates=[{"days": 30, "date_label": "najaar"}])
    content = main_content(client.get(agenda.url))
    assert "Najaar" in content


def test_pagination(client, agenda, make_event, settings):
    for day in range(1, 24):
        make_event(days=day, title=f"Activiteit {day:02d}")
    first = main_content(client.get(agenda.url))
    second = main_content(client.get(agenda.url, {"pagina": 2}))
    assert len(titles(first)) == 20 and len(titles(second)) == 3
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
    content = main_content(client.get(home_page.url))
    # A cancelled date stays visible, marked as cancelled.
    assert titles(content) == ["Eerste", "Afgelast", "Derde"]
    assert "<strong>Afgelast</strong>" in content
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
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1]
    )
    assert [event["@type"] for event in data] == ["Event", "Event"]
    assert data[0]["name"] == "Alliantiedag"
    assert data[0]["startDate"].endswith("T10:00:00+01:00") or data[0]["startDate"].endswith(
        "T10:00:00+02:00"
    )
    assert data[0]["location"]["address"]["addressLocality"] == "Roermond"
    assert data[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert data[1]["eventStatus"] == "https://schema.org/EventCancelled"
    assert "Zet in je agenda" in content
