import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from website.agenda import registration as registrations
from website.agenda.models import AgendaIndexPage, EventDate, EventPage, Registration
from website.agenda.tasks import delete_old_registrations
from website.core import registry
from website.operations.models import PeriodicTaskRun
from website.operations.scheduling import enqueue_due_tasks
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db


def test_old_registrations_are_deleted_recent_ones_kept(make_event, settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    old = make_event(dates=[{"days": -120, "registration_open": True}])
    recent = make_event(dates=[{"days": -10, "registration_open": True}])
    coming = make_event(dates=[{"days": 10, "registration_open": True}])
    for page in (old, recent, coming):
        registrations.register(EventDate.objects.get(page=page), name="A", email="a@example.org")

    result = delete_old_registrations.enqueue()
    assert result.return_value == 1
    remaining = set(Registration.objects.values_list("event_date__page", flat=True))
    assert remaining == {recent.pk, coming.pk}


def test_periodic_tasks_are_enqueued_when_due_and_only_then():
    hourly = {"website.agenda.tasks.delete_old_registrations": 3600}
    now = timezone.now()
    assert enqueue_due_tasks(now, hourly) == ["website.agenda.tasks.delete_old_registrations"]
    assert enqueue_due_tasks(now + datetime.timedelta(minutes=30), hourly) == []
    assert enqueue_due_tasks(now + datetime.timedelta(minutes=61), hourly) == [
        "website.agenda.tasks.delete_old_registrations"
    ]
    assert PeriodicTaskRun.objects.count() == 1


def test_run_periodic_tasks_command_enqueues_every_apps_tasks_once():
    out = io.StringIO()
    call_command("run_periodic_tasks", stdout=out)
    queued = sorted(line.removeprefix("In de wachtrij: ") for line in out.getvalue().splitlines())
    assert queued == sorted(registry.periodic_tasks())
    out = io.StringIO()
    call_command("run_periodic_tasks", stdout=out)
    assert out.getvalue() == ""


def test_seed_puts_the_2014_agenda_in_the_archive(seeded, client):
    agenda = AgendaIndexPage.objects.get()
    assert sorted(EventPage.objects.values_list("title", flat=True)) == [
        "Agendacommissie",
        "Agendacommissie",
        "Alliantiedagen 2014",
        "Gesprek met staatssecretaris Jetta Klijnsma",
    ]
    series = EventPage.objects.get(title="Alliantiedagen 2014")
    assert series.kind == "alliantiedag"
    assert [(d.start_date.isoformat(), d.city, d.province) for d in series.dates.all()] == [
        ("2014-10-10", "Rotterdam", "zuid-holland"),
        ("2014-10-31", "Roermond", "limburg"),
        ("2014-11-05", "Beilen", "drenthe"),
        ("2014-11-14", "", "friesland"),
    ]
    talk = EventPage.objects.get(title__startswith="Gesprek")
    assert talk.kind == "overleg-bewindspersoon"
    assert talk.dates.get().date_label == "najaar"

    archive = main_content(client.get(agenda.url + "archief/2014/"))
    entries = [
        (text(find_one(item, "p", "event-item__when")), text(find_one(item, "h3")))
        for item in find_all(archive, "li", "event-item")
    ]
    assert [title for _when, title in entries].count("Alliantiedagen 2014") == 4
    whens = [when for when, _title in entries]
    assert "Donderdag 4 september 2014" in whens
    assert "Donderdag 27 november 2014" in whens
    assert ("Najaar 2014", "Gesprek met staatssecretaris Jetta Klijnsma") in entries
    upcoming = main_content(client.get(agenda.url))
    assert "Er staan op dit moment geen activiteiten gepland." in upcoming
    assert 'href="/agenda/archief/2014/"' in upcoming
    # Nothing to filter or count: no filter box and no "0 activiteiten".
    assert "filter-title" not in upcoming
    assert "result-count" not in upcoming

    before = EventDate.objects.count()
    call_command("load_seed", stdout=io.StringIO())
    assert EventDate.objects.count() == before
