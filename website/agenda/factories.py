import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import AgendaIndexPage, EventDate, EventPage


class AgendaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    show_in_menus = True

    class Meta:
        model = AgendaIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    introduction = "Samen praten over armoede in de regio."
    kind = "bijeenkomst"

    class Meta:
        model = EventPage


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def add_date(page, days=10, **fields):
    """Add a date to an event page and publish it, as an editor would."""
    values = {"start_date": in_days(days), "city": "Utrecht", "province": "utrecht"} | fields
    # The place in the editor's list, as the inline panel sets it (no order is no order:
    # PostgreSQL may then return the dates either way round).
    values.setdefault("sort_order", EventDate.objects.filter(page=page).count())
    event_date = EventDate(page=page, **values)
    event_date.save()
    page.save_revision().publish()
    return EventDate.objects.get(pk=event_date.pk)
