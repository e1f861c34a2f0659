import pytest

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date
from website.agenda.models import EventDate


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


@pytest.fixture
def make_event(agenda):
    def make(days=10, title=None, dates=None, **page_fields):
        fields = page_fields | ({"title": title} if title else {})
        page = EventPageFactory(parent=agenda, **fields)
        for spec in dates or [{"days": days}]:
            add_date(page, **spec)
        return page

    return make


@pytest.fixture
def open_date(make_event):
    """A date twelve days ahead that takes sign-ups, two places, in Beilen."""
    page = make_event(
        title="Alliantiedag Beilen",
        dates=[
            {
                "days": 12,
                "registration_open": True,
                "capacity": 2,
                "venue_name": "Dorpshuis",
                "street_address": "Brink 3",
                "postcode": "9411 AB",
                "city": "Beilen",
            }
        ],
    )
    return EventDate.objects.get(page=page)
