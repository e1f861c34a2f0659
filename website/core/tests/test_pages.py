"""Every page type renders, with the metadata and safety headers every page needs."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from website.core.factories import DocumentFactory, ImageFactory
from website.core.models import CustomImage, RelatedCampaign, SiteSettings, SocialMediaAccount
from website.core.tests.utils import assert_valid_html, main_content
from website.core.views import server_error
from website.network.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from website.pages.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def full_body(document, image):
    return [
        {"type": "heading", "value": {"text": "Een tussenkop", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Tekst met <b>nadruk</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "Mensen in gesprek"},
                "caption": "Een onderschrift",
            },
        },
        {"type": "quote", "value": {"quote": "Armoede is geen keuze.", "attribution": "Iemand"}},
        {"type": "document", "value": {"document": document.pk, "label": ""}},
        {
            "type": "call_to_action",
            "value": {"text": "Lees meer", "page": None, "external_url": "https://example.org"},
        },
        {"type": "list", "value": {"ordered": True, "items": ["Een", "Twee"]}},
        {
            "type": "chairmanship",
            "value": {
                "heading": "Voorzitterschap",
                "intro": "Het rouleert.",
                "show_predecessors": True,
            },
        },
    ]


def test_home_page_renders_with_organisation_json_ld(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Alliantie voor Test"
    settings.short_name = "Testalliantie"
    settings.postal_address = "Postbus 1\n1234 AB Utrecht"
    settings.email = "info@example.org"
    settings.save()
    SocialMediaAccount.objects.create(
        settings=settings, platform="mastodon", url="https://social.example/@test"
    )

    response = client.get(home_page.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert_valid_html(content)
    assert '<html lang="nl">' in content
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "Alliantie voor Test"
    assert data["address"]["postalCode"] == "1234 AB"
    assert data["address"]["addressLocality"] == "Utrecht"
    assert data["sameAs"] == ["https://social.example/@test"]
    assert "Volg ons" in content


def test_standard_page_renders_every_block(client, home_page):
    document = DocumentFactory(title="Jaarverslag")
    image = ImageFactory()
    page = StandardPageFactory(parent=home_page, title="Over ons", body=full_body(document, image))

    response = client.get(page.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert_valid_html(content)
    assert "<h1>Over ons</h1>" in content
    assert "<h2>Een tussenkop</h2>" in content
    assert 'alt="Mensen in gesprek"' in content
    assert 'type="image/avif"' in content and 'type="image/webp"' in content
    assert 'loading="lazy"' in content and "srcset=" in content
    assert "Armoede is geen keuze." in content
    assert "Jaarverslag" in content
    assert 'href="https://example.org"' in content
    assert "<ol>" in content
    assert "Voorzitterschap" in content


def test_decorative_image_has_empty_alt(client, home_page):
    image = ImageFactory()
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": True, "alt_text": ""},
                "caption": "",
            },
        }
    ]
    page = StandardPageFactory(parent=home_page, body=body)
    content = client.get(page.url).content.decode()
    assert re.search(r'<img[^>]+alt=""', content)


def test_member_directory_page_renders(client, home_page):
    page = MemberDirectoryPageFactory(parent=home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert_valid_html(response.content.decode())


def test_every_page_has_title_description_and_open_graph(client, home_page):
    page = StandardPageFactory(
        parent=home_page, title="Missie", introduction="Voor een samenleving zonder armoede."
    )
    content = client.get(page.url).content.decode()
    assert re.search(r"<title>Missie \| .+</title>", content)
    assert '<meta name="description" content="Voor een samenleving zonder armoede.">' in content
    assert '<meta property="og:title" content="Missie">' in content
    assert '<link rel="canonical" href="http' in content


def test_page_tools_offer_print_and_plain_share_links(client, home_page):
    page = StandardPageFactory(parent=home_page)
    content = client.get(page.url).content.decode()
    assert "Deel deze pagina" in content
    assert "data-print" in content
    for host in ("wa.me", "linkedin.com", "facebook.com", "bsky.app", "x.com"):
        assert f"https://{host}" in content or f"https://www.{host}" in content
    assert "mailto:?subject=" in content
    # Share links are plain links: no script, image or font from those hosts.
    assert not re.search(r"<(script|img|link)[^>]+(facebook|linkedin|bsky|x\.com|wa\.me)", content)


def test_main_navigation_follows_the_page_tree(client, home_page):
    shown = StandardPageFactory(parent=home_page, title="Wie zijn wij?", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Verborgen", show_in_menus=False)
    content = client.get(shown.url).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', content, re.S).group(0)
    assert "Wie zijn wij?" in nav and 'aria-current="page"' in nav
    assert "Verborgen" not in nav


def test_breadcrumbs_on_nested_pages(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Wie zijn wij?")
    child = StandardPageFactory(parent=parent, title="Missie")
    content = client.get(child.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', content, re.S).group(0)
    assert "Home" in crumbs and "Wie zijn wij?" in crumbs and "Missie" in crumbs


def test_public_pages_send_csp_and_no_cookies(client, home_page):
    response = client.get(home_page.url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_custom_404_page(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Deze pagina bestaat niet" in content
    assert_valid_html(content)


def test_custom_500_page_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(None)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_robots_and_sitemap(client, home_page):
    StandardPageFactory(parent=home_page, slug="missie")
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/missie/" in sitemap.content


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("favicon.svg")


def test_admin_is_in_dutch(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()


def test_footer_queries_do_not_grow_with_campaigns_and_members(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Netwerk"
    settings.save()
    page = StandardPageFactory(parent=home_page)

    def add(count):
        for _ in range(count):
            RelatedCampaign.objects.create(settings=settings, name="Campagne", logo=ImageFactory())
        MemberOrganisationFactory.create_batch(count)
        client.get(page.url)  # renditions are made on the first view

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(20)
    assert queries() == few


def test_svg_image_in_a_body_renders(client, home_page):
    image = CustomImage(title="Logo", width=120, height=80)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"></svg>'
    image.file.save("logo.svg", ContentFile(svg), save=False)
    image.width, image.height = 120, 80
    image.save()
    body = [
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "decorative": False,
                    "alt_text": "Logo van het netwerk",
                },
                "caption": "",
            },
        }
    ]
    page = StandardPageFactory(parent=home_page, body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'alt="Logo van het netwerk"' in response.content.decode()


def test_deleted_document_or_image_leaves_no_empty_link(client, home_page):
    document = DocumentFactory(title="Weg")
    image = ImageFactory()
    page = StandardPageFactory(parent=home_page, body=full_body(document, image))
    document.delete()
    image.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    content = main_content(response)
    assert "Weg" not in content and '<figure class="figure">' not in content


def test_meta_description_falls_back_to_the_first_paragraph(client, home_page):
    body = [{"type": "paragraph", "value": "<p>Wij strijden <b>samen</b> tegen armoede.</p>"}]
    page = StandardPageFactory(parent=home_page, introduction="", body=body)
    content = client.get(page.url).content.decode()
    assert '<meta name="description" content="Wij strijden samen tegen armoede.">' in content


def test_uploaded_documents_are_not_served_as_plain_media(client, home_page):
    document = DocumentFactory()
    name = document.file.name
    assert name.startswith("documents/")
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(document.url).status_code == 200
