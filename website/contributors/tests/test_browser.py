"""A contributed event in a real browser: "Toegevoegd door" at 320 and 1280 px without
axe violations, its link leads to the organisation's card; the markup passes the Nu HTML
Checker."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage
from website.network.factories import MemberOrganisationFactory
from website.tests.test_public_pages import nu_errors

pytestmark = pytest.mark.browser


def contributed_event():
    organisation = MemberOrganisationFactory(
        name="Stichting Samen Één & Zo <Zwolle>", website="https://samen.example/"
    )
    event = EventPageFactory(
        parent=AgendaIndexPage.objects.get(), title="Soep op zaterdag", contributed_by=organisation
    )
    add_date(event, days=12, city="Zwolle", province="overijssel")
    return event, organisation


@pytest.mark.parametrize("width", [320, 1280])
def test_toegevoegd_door_links_to_the_organisations_card(seeded_live, open_browser, width):
    event, organisation = contributed_event()
    browser = open_browser(seeded_live.url, width=width)
    browser.open(event.url)
    line = browser.page.locator(".contributed-by")
    expect(line).to_have_text(f"Toegevoegd door {organisation.name}")
    assert browser.axe_violations() == []
    line.get_by_role("link").click()
    card = browser.page.locator(f"#lid-{organisation.pk}")
    expect(card).to_contain_text(organisation.name)
    expect(card).to_be_in_viewport()
    assert browser.external_requests() == []


def test_a_contributed_event_passes_the_nu_checker(seeded, tmp_path):
    event, _organisation = contributed_event()
    file = tmp_path / "event.html"
    file.write_text(Client().get(event.url).content.decode(), encoding="utf-8")
    assert nu_errors([file]) == []
