"""Editors can reach and use every part of the CMS this foundation adds."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from website.core.admin_views import breakable
from website.core.models import SiteNameTranslation, SiteSettings
from website.network.factories import ChairTermFactory, MemberOrganisationFactory
from website.network.models import MemberDirectoryPage, MemberOrganisation
from website.pages.models import StandardPage
from website.testing.utils import find_all, find_one, text

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
    SiteNameTranslation.objects.all().delete()  # the seed's
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
        "name_translations-TOTAL_FORMS": "1",
        "name_translations-INITIAL_FORMS": "0",
        "name_translations-MIN_NUM_FORMS": "0",
        "name_translations-MAX_NUM_FORMS": "1000",
        "name_translations-0-language": "en",
        "name_translations-0-organisation_name": "Network Test",
        "name_translations-0-short_name": "",
        "name_translations-0-tagline": "Stronger together",
        "name_translations-0-ORDER": "1",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    settings = SiteSettings.for_site(site)
    assert settings.organisation_name == "Netwerk Test"
    # The name in English, the short name left to the Dutch one.
    assert settings.in_language("en") == {
        "organisation_name": "Network Test",
        "short_name": "NT",
        "tagline": "Stronger together",
        "translated": True,
    }
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


def test_admin_text_counts_as_the_browser_counts_and_pasted_controls_are_cleaned(
    admin_client, home_page
):
    """A textarea's line breaks arrive as CRLF but the browser counted them as one character
    each against maxlength (600): 599 characters with 5 line breaks must fit. A NUL pasted
    into a one-line field is cleaned, not refused with "Null-tekens zijn niet toegestaan"."""
    introduction = "\r\n".join(["x" * 119] * 5)  # 599 as the browser counts, 603 sent
    assert len(introduction.replace("\r\n", "\n")) == 599
    url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home_page.pk])
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "Geplakt\x00 uit\x0bWord",
                "slug": "geplakt",
                "introduction": introduction,
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = StandardPage.objects.get(slug="geplakt")
    assert page.title == "Geplakt uit Word"
    assert page.introduction == introduction.replace("\r\n", "\n")

    response = admin_client.post(
        reverse("wagtailsnippets_network_memberorganisation:add"),
        {
            "name": "Steun\x00punt",
            "kind": "maatschappelijk",
            "level": "lokaal",
            "description": introduction,
        },
    )
    assert response.status_code == 302
    assert MemberOrganisation.objects.get(name="Steunpunt").description.count("\n") == 4


def test_a_draft_left_by_an_abandoned_try_is_named_when_its_address_is_taken(
    admin_client, home_page
):
    """The editor's autosave makes a draft of a new page; after giving up and starting
    again with the same title, the address is taken. The form says by what, on top (the
    address is on a hidden tab) and at the field."""
    left = StandardPage(title="Armoede in cijfers", slug="armoede-in-cijfers", live=False)
    home_page.add_child(instance=left)
    url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home_page.pk])
    form = {"title": "Armoede in cijfers", "slug": "armoede-in-cijfers", "body": streamfield([])}
    response = admin_client.post(url, nested_form_data(form | {"action-publish": "publish"}))
    assert response.status_code == 200
    page = response.content.decode()
    said = "Er is al een concept met dit webadres: ‘Armoede in cijfers’"
    on_top = find_one(page, "div", class_="messages")
    assert said in text(on_top) and "<a" not in text(on_top)
    assert page.count(said) >= 2  # on top and at the field

    left.save_revision().publish()  # a published page keeps Wagtail's own message
    response = admin_client.post(url, nested_form_data(form | {"action-publish": "publish"}))
    assert "Er is al een concept met dit webadres" not in response.content.decode()


def test_the_dashboard_is_titled_with_the_networks_name(client, seeded, django_user_model):
    """Not the host ("127.0.0.1") or WAGTAIL_SITE_NAME ("Website"), for every role."""
    for role in ("Redactie", "Bijdrager"):
        user = django_user_model.objects.create_user(role.lower(), f"{role}@example.org", "x")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        (title,) = find_all(client.get("/admin/"), "h1")
        assert text(title) == "Sociale Alliantie", role


def test_long_addresses_in_listings_may_wrap_at_their_parts_and_short_words_stay_whole():
    assert breakable("Nieuw") == "Nieuw"
    assert breakable("Wacht op verzending") == "Wacht op verzending"
    assert breakable("fatima.yilmaz@voedselbank-zwolle.example") == (
        "fatima.<wbr>yilmaz@<wbr>voedselbank-<wbr>zwolle.<wbr>example"
    )
    hostile = breakable('"><script>alert(1)</script>@example.org')
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile


def test_a_language_given_twice_in_the_site_settings_is_refused_in_dutch(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    data = {
        "organisation_name": "Netwerk Test",
        "retention_months": "12",
        "social_accounts-TOTAL_FORMS": "0",
        "social_accounts-INITIAL_FORMS": "0",
        "related_campaigns-TOTAL_FORMS": "0",
        "related_campaigns-INITIAL_FORMS": "0",
        "name_translations-TOTAL_FORMS": "2",
        "name_translations-INITIAL_FORMS": "0",
    }
    for index in range(2):
        data |= {
            f"name_translations-{index}-language": "tr",
            f"name_translations-{index}-organisation_name": f"Ağ {index}",
            f"name_translations-{index}-ORDER": str(index),
        }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Deze taal staat er al. Vul elke taal één keer in." in response.content.decode()
    assert SiteSettings.for_site(site).organisation_name != "Netwerk Test"
