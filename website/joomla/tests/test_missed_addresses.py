"""The report "Niet gevonden": addresses that answered 404 more than a few times, counted
without anything about the visitor, with one click to Wagtail's redirect form."""

import threading
import time

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from website.joomla.models import MissedAddress
from website.library.models import LibraryIndexPage
from website.testing.utils import find_all, text

REPORT = "/admin/niet-gevonden/"


def test_a_404_is_counted_by_address_and_nothing_about_the_visitor(client, seeded):
    for _ in range(3):
        answer = client.get(
            "/index.php/nieuws/oud-bericht.html",
            HTTP_REFERER="https://lid.example.org/links",
            REMOTE_ADDR="203.0.113.7",
        )
        assert answer.status_code == 404
    client.get("/ook-weg/?b=2&a=1")
    client.head("/alleen-head/")
    client.get("/admin/bestaat-niet/")
    client.get("/static/bestaat-niet.css")
    client.get("/" + "x" * 500 + "/")
    client.get("/")  # found: not counted
    # Without its slash: Django's 301 to the address with one, where the miss is counted once.
    assert client.get("/zonder-streep", follow=True).redirect_chain == [("/zonder-streep/", 301)]

    rows = {row.path: row.hits for row in MissedAddress.objects.all()}
    assert rows == {
        "/index.php/nieuws/oud-bericht.html": 3,
        "/ook-weg?a=1&b=2": 1,
        "/zonder-streep": 1,
    }
    stored = [str(value) for row in MissedAddress.objects.values() for value in row.values()]
    assert not any("203.0.113.7" in value or "lid.example.org" in value for value in stored)


def test_the_report_lists_what_was_missed_often_and_leads_to_a_filled_in_redirect_form(
    admin_client, client, seeded
):
    for _ in range(4):
        client.get("/publicaties/brief-aan-de-kamer.html")
    client.get("/maar-een-keer/")
    report = admin_client.get(REPORT)
    assert report.status_code == 200
    (listing,) = find_all(report, "table", class_="listing")
    rows = [text(row) for row in find_all(listing, "tr")[1:]]
    assert len(rows) == 1 and rows[0].startswith("/publicaties/brief-aan-de-kamer.html 4 keer")
    (button,) = [a for a in find_all(report, "a") if text(a) == "Maak een doorverwijzing"]

    form = admin_client.get(button.get("href"))
    (old_path,) = find_all(form, "input", name="old_path")
    assert old_path.get("value") == "/publicaties/brief-aan-de-kamer.html"
    library = LibraryIndexPage.objects.get()
    saved = admin_client.post(
        form_action(form),
        {"old_path": old_path.get("value"), "site": "", "is_permanent": "on",
         "redirect_page": library.pk, "redirect_link": ""},
    )  # fmt: skip
    assert saved.status_code == 302
    assert Redirect.objects.filter(old_path="/publicaties/brief-aan-de-kamer.html").exists()
    assert client.get("/publicaties/brief-aan-de-kamer.html").status_code == 301
    # Answered now: gone from the report.
    assert "Er zijn geen adressen" in admin_client.get(REPORT).text


def form_action(response):
    (form,) = [f for f in find_all(response, "form") if f.get("method", "").lower() == "post"]
    return form.get("action")


@pytest.mark.parametrize("count", [3, 30])
def test_the_report_costs_the_same_queries_however_many_addresses(admin_client, seeded, count):
    MissedAddress.objects.bulk_create(
        MissedAddress(path=f"/oud/{number}/", hits=3 + number) for number in range(count)
    )
    admin_client.get(REPORT)  # the admin's own first-request work
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(REPORT).status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_only_who_may_make_redirects_sees_the_report(client, seeded, django_user_model):
    user = django_user_model.objects.create_user("bijdrager", "b@example.org", "geheim-123456")
    client.force_login(user)
    answer = client.get(REPORT)
    assert answer.status_code == 302


@pytest.mark.database
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's table locks")
def test_a_locked_table_costs_a_count_not_the_visitors_page(client, seeded):
    """Another connection holds the table (as a long clean-up would): the 404 comes at once
    and that miss is not counted; once the lock is gone, counting goes on."""
    settings_dict = connection.settings_dict
    other = psycopg.connect(
        host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None,
        user=settings_dict["USER"], password=settings_dict["PASSWORD"] or None,
        dbname=settings_dict["NAME"],
    )  # fmt: skip
    # Let go after 10 s in any case, so that a counter that waits fails instead of hanging.
    release = threading.Timer(10, other.rollback)
    try:
        other.execute(f"LOCK TABLE {MissedAddress._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        release.start()
        started = time.monotonic()
        assert client.get("/oud/artikel.html").status_code == 404
        assert time.monotonic() - started < 5
    finally:
        release.cancel()
        other.close()
    assert not MissedAddress.objects.filter(path="/oud/artikel.html").exists()
    assert client.get("/oud/artikel.html").status_code == 404
    assert MissedAddress.objects.get(path="/oud/artikel.html").hits == 1
