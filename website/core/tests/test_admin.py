"""Editors can reach and use every part of the CMS this foundation adds."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from website.core.models import SiteSettings
from website.network.factories import ChairTermFactory, MemberOrganisationFactory
from website.network.models import MemberDirectoryPage, MemberOrganisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_home",
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailsnippets_network_memberorganisation:list",
        "wagtailsnippets_network_memberorganisation:add",
        "wagtailsnippets_network_chairterm:list",
        "wagtailsnippets_network_chairterm:add",
    ],
)
def test_admin_screens_open(admin_client, home_page, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_site_settings_screen_opens_and_saves(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "organisation_name": "Netwerk Test",
        "short_name": "NT",
        "tagline": "Samen sterk",
        "postal_address": "Postbus 1\n1234 AB Stad",
        "email": "info@example.org",
        "retention_months": "12",
        "social_accounts-TOTAL_FORMS": "1",
        "social_accounts-INITIAL_FORMS": "0",
        "social_accounts-MIN_NUM_FORMS": "0",
        "social_accounts-MAX_NUM_FORMS": "1000",
        "social_accounts-0-platform": "mastodon",
        "social_accounts-0-url": "https://social.example/@nt",
        "social_accounts-0-label": "",
        "social_accounts-0-ORDER": "1",
        "related_campaigns-TOTAL_FORMS": "0",
        "related_campaigns-INITIAL_FORMS": "0",
        "related_campaigns-MIN_NUM_FORMS": "0",
        "related_campaigns-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    settings = SiteSettings.for_site(site)
    assert settings.organisation_name == "Netwerk Test"
    assert [a.url for a in settings.social_accounts.all()] == ["https://social.example/@nt"]


def test_member_and_chair_edit_screens_open(admin_client, home_page):
    organisation = MemberOrganisationFactory()
    term = ChairTermFactory(organisation=organisation)
    for name, obj in [("memberorganisation", organisation), ("chairterm", term)]:
        url = reverse(f"wagtailsnippets_network_{name}:edit", args=[obj.pk])
        assert admin_client.get(url).status_code == 200


def test_editor_adds_a_member_organisation(admin_client, home_page):
    url = reverse("wagtailsnippets_network_memberorganisation:add")
    response = admin_client.post(
        url,
        {
            "name": "Sociaal Steunpunt",
            "short_name": "SSP",
            "kind": "maatschappelijk",
            "level": "lokaal",
            "website": "https://ssp.example",
            "description": "Helpt mensen met schulden.",
            "show_logo_in_footer": "on",
        },
    )
    assert response.status_code == 302
    assert MemberOrganisation.objects.get(short_name="SSP").level == "lokaal"


@pytest.mark.parametrize("page_type", ["standardpage", "memberdirectorypage"])
def test_page_create_screens_open(admin_client, home_page, page_type):
    MemberDirectoryPage.objects.all().delete()  # one per site: make room for a new one
    app = "pages" if page_type == "standardpage" else "network"
    url = reverse("wagtailadmin_pages:add", args=[app, page_type, home_page.pk])
    assert admin_client.get(url).status_code == 200
