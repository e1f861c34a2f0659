import pytest

from website.agenda.factories import AgendaIndexPageFactory, EventPageFactory, add_date


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
