import csv

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from website.agenda import registration as registrations
from website.agenda.models import EventDate
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def test_editor_screens_open(admin_client, agenda, make_event):
    page = make_event()
    add = reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda.pk])
    assert admin_client.get(add).status_code == 200
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert admin_client.get("/admin/aanmeldingen/").status_code == 200


def test_registrations_per_date_and_csv_export(admin_client, make_event):
    page = make_event(
        dates=[{"days": 5, "registration_open": True}, {"days": 9, "registration_open": True}]
    )
    first, second = EventDate.objects.filter(page=page).order_by("start_date")
    registrations.register(
        first, name="Anna", email="anna@example.org", dietary_wishes="Halal", needs_consent=True
    )
    registrations.register(second, name="Bert", email="bert@example.org")

    listing = admin_client.get("/admin/aanmeldingen/", {"event_date": first.pk})
    rows = find_all(find_one(find_one(listing, "table", "listing"), "tbody"), "tr")
    (row,) = rows  # Bert signed up for the other date
    name, title = [text(cell) for cell in find_all(row, "td")][:2]
    assert name.split()[0] == "Anna"  # followed by the row's actions
    assert title == page.title

    export = admin_client.get("/admin/aanmeldingen/", {"event_date": first.pk, "export": "csv"})
    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")  # Excel wants the BOM
    (exported,) = csv.DictReader(body.splitlines(), delimiter=";")
    assert exported["Naam"] == "Anna"
    assert exported["E-mailadres"] == "anna@example.org"
    assert exported["Eten en drinken"] == "Halal"


def test_export_neutralises_spreadsheet_formulas(admin_client, make_event):
    page = make_event(dates=[{"days": 5, "registration_open": True}])
    date = EventDate.objects.get(page=page)
    registrations.register(date, name='=HYPERLINK("http://evil.example")', email="x@example.org")
    export = admin_client.get("/admin/aanmeldingen/", {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")  # Excel wants the BOM
    (exported,) = csv.DictReader(body.splitlines(), delimiter=";")
    assert exported["Naam"] == '\'=HYPERLINK("http://evil.example")'


def test_editors_may_see_registrations(client, django_user_model):
    editor = django_user_model.objects.create_user("redacteur", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name="Redactie"))
    assert editor.has_perm("agenda.view_registration")
    assert editor.has_perm("agenda.change_registration")
