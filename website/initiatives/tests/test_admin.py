import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from website.initiatives.factories import InitiativeIndexPageFactory
from website.initiatives.models import InitiativePage
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def test_editor_adds_an_initiative_and_the_province_follows(admin_client, home_page):
    overview = InitiativeIndexPageFactory(parent=home_page)
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "initiativepage", overview.pk])
    form = admin_client.get(url).content.decode()
    drenthe = find_one(find_one(form, "select", name="municipality"), "optgroup", label="Drenthe")
    assert ("GM1731", "Midden-Drenthe") in [
        (option.get("value"), text(option)) for option in find_all(drenthe, "option")
    ]
    # The phone number field gives a phone its number keys.
    assert find_one(form, "input", name="contact_phone").get("type") == "tel"

    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "Samen rond in Beilen",
                "slug": "samen-rond-in-beilen",
                "introduction": "Buren helpen elkaar.",
                "municipality": "GM1731",
                "website": "https://samenrond.example/",
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative = InitiativePage.objects.get(slug="samen-rond-in-beilen")
    assert initiative.live
    assert initiative.province == "drenthe"


def test_an_unknown_municipality_is_refused_in_dutch(admin_client, home_page):
    overview = InitiativeIndexPageFactory(parent=home_page)
    url = reverse("wagtailadmin_pages:add", args=["initiatives", "initiativepage", overview.pk])
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "Nergens",
                "slug": "nergens",
                "municipality": "GM9999",
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze. GM9999 is geen beschikbare keuze." in text(
        find_one(response, "main")
    )
    assert not InitiativePage.objects.filter(slug="nergens").exists()
