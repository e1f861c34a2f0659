"""Every page type renders, with the metadata and safety headers every page needs."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from website.core.factories import DocumentFactory, ImageFactory, image_block
from website.core.models import CustomImage, RelatedCampaign, SiteSettings, SocialMediaAccount
from website.network.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from website.pages.factories import StandardPageFactory
from website.testing.utils import (
    assert_in_html,
    assert_valid_html,
    find_all,
    find_one,
    outer_html,
    text,
)

pytestmark = pytest.mark.django_db


def full_body(document, image):
    return [
        {"type": "heading", "value": {"text": "Een tussenkop", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Tekst met <b>nadruk</b>.</p>"},
        image_block(image, "Mensen in gesprek", caption="Een onderschrift"),
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
    assert find_one(content, "html").get("lang") == "nl"
    data = json.loads(find_one(content, "script", type="application/ld+json").text)
    assert data["@type"] == "Organization"
    assert data["name"] == "Alliantie voor Test"
    assert data["address"]["postalCode"] == "1234 AB"
    assert data["address"]["addressLocality"] == "Utrecht"
    assert data["sameAs"] == ["https://social.example/@test"]
    follow = outer_html(find_one(content, "section", aria_labelledby="footer-follow"))
    assert_in_html('<h2 id="footer-follow">Volg ons</h2>', follow, count=1)
    (link,) = find_all(follow, "a")
    assert link.get("href") == "https://social.example/@test"


def test_standard_page_renders_every_block(client, home_page):
    document = DocumentFactory(title="Jaarverslag")
    # Wide enough for every width in the srcset (Wagtail never enlarges an image).
    image = ImageFactory(file__width=1600, file__height=900)
    page = StandardPageFactory(parent=home_page, title="Over ons", body=full_body(document, image))

    response = client.get(page.url)

    assert response.status_code == 200
    assert_valid_html(response.content.decode())
    # Everything is checked inside the page's article: not in the header, breadcrumbs
    # (an <ol> too) or footer.
    article = find_one(response, "article", "prose")
    body = outer_html(article)
    assert_in_html("<h1>Over ons</h1>", body, count=1)
    assert_in_html("<h2>Een tussenkop</h2>", body, count=1)
    assert_in_html("<p>Tekst met <b>nadruk</b>.</p>", body, count=1)
    figure = find_one(article, "figure", "figure")
    image = find_one(figure, "img")
    assert image.get("alt") == "Mensen in gesprek"
    assert image.get("loading") == "lazy"
    assert [c.split()[-1] for c in image.get("srcset").split(",")] == ["400w", "800w", "1200w"]
    assert [source.get("type") for source in find_all(figure, "source")] == [
        "image/avif",
        "image/webp",
    ]
    assert text(find_one(figure, "figcaption")) == "Een onderschrift"
    quote = find_one(article, "figure", "quote")
    assert_in_html("<blockquote><p>Armoede is geen keuze.</p></blockquote>", outer_html(quote))
    download = find_one(article, "p", "download")
    assert text(download).startswith("Jaarverslag (")
    assert find_one(download, "a").get("download") is not None
    assert_in_html(
        '<p class="call-to-action"><a class="button" href="https://example.org">Lees meer</a></p>',
        body,
        count=1,
    )
    assert_in_html("<ol><li>Een</li><li>Twee</li></ol>", body, count=1)
    chair = find_one(article, "section", "chairmanship")
    assert text(find_one(chair, "h2")) == "Voorzitterschap"
    assert_in_html("<p>Het rouleert.</p>", outer_html(chair), count=1)


def test_decorative_image_has_empty_alt(client, home_page):
    image = ImageFactory()
    body = [image_block(image, decorative=True)]
    page = StandardPageFactory(parent=home_page, body=body)
    # Inside the body's figure: the header's logo has an empty alt too.
    figure = find_one(find_one(client.get(page.url), "article"), "figure", "figure")
    assert find_one(figure, "img").get("alt") == ""


def test_member_directory_page_renders(client, home_page):
    page = MemberDirectoryPageFactory(parent=home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert_valid_html(response.content.decode())


def test_every_page_has_title_description_and_open_graph(client, home_page):
    page = StandardPageFactory(
        parent=home_page, title="Missie", introduction="Voor een samenleving zonder armoede."
    )
    head = find_one(client.get(page.url), "head")
    assert re.fullmatch(r"Missie \| .+", text(find_one(head, "title")))
    description = find_one(head, "meta", name="description")
    assert description.get("content") == "Voor een samenleving zonder armoede."
    assert find_one(head, "meta", property="og:title").get("content") == "Missie"
    assert find_one(head, "link", rel="canonical").get("href") == f"http://testserver{page.url}"


def test_page_tools_offer_print_and_plain_share_links(client, home_page):
    page = StandardPageFactory(parent=home_page)
    response = client.get(page.url)
    content = response.content.decode()
    tools = find_one(response, "aside", "page-tools")
    assert text(find_one(tools, "h2")) == "Deel deze pagina"
    assert find_one(tools, "button", data_print="").get("type") == "button"
    links = [link.get("href") for link in find_all(find_one(tools, "ul", "share-links"), "a")]
    assert [href.split("?")[0] for href in links] == [
        "mailto:",
        "https://wa.me/",
        "https://www.linkedin.com/sharing/share-offsite/",
        "https://www.facebook.com/sharer/sharer.php",
        "https://bsky.app/intent/compose",
        "https://x.com/intent/post",
    ]
    assert links[0].startswith("mailto:?subject=")
    # Share links are plain links: no script, image or font from those hosts.
    loaded = [
        element.get("src") or element.get("href") or ""
        for element in find_all(content, "*")
        if element.tag in ("script", "img", "link", "iframe", "source")
    ]
    hosts = ("facebook", "linkedin", "bsky", "x.com", "wa.me")
    assert [url for url in loaded if any(host in url for host in hosts)] == []


def test_main_navigation_follows_the_page_tree(client, home_page):
    shown = StandardPageFactory(parent=home_page, title="Wie zijn wij?", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Verborgen", show_in_menus=False)
    nav = find_one(client.get(shown.url), "nav", "main-nav")
    assert [text(link) for link in find_all(nav, "a", "main-nav__link")] == [
        "Home",
        "Wie zijn wij?",
    ]
    (current,) = [link for link in find_all(nav, "a") if link.get("aria-current") == "page"]
    assert text(current) == "Wie zijn wij?"


def test_breadcrumbs_on_nested_pages(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Wie zijn wij?")
    child = StandardPageFactory(parent=parent, title="Missie")
    crumbs = find_one(client.get(child.url), "nav", "breadcrumbs")
    links = find_all(find_one(crumbs, "ol"), "a")
    assert [(text(link), link.get("href")) for link in links] == [
        ("Home", "/"),
        ("Wie zijn wij?", parent.url),
        ("Missie", child.url),
    ]
    assert links[-1].get("aria-current") == "page"


def test_a_view_inside_a_page_is_the_last_step_of_the_trail(client, seeded):
    """The story form and the archive are views of their page: the page is a link back."""
    for path, here, parent in [
        ("/wat-mensen-overkomt/deel-je-verhaal/", "Deel je verhaal", "Wat mensen overkomt"),
        ("/agenda/archief/2014/", "Archief 2014", "Agenda"),
    ]:
        crumbs = find_one(find_one(client.get(path), "nav", "breadcrumbs"), "ol")
        assert [text(li) for li in find_all(crumbs, "li")] == ["Home", parent, here]
        assert find_all(crumbs, "a")[-1].get("aria-current") is None
        assert find_one(crumbs, "span").get("aria-current") == "page"


def test_public_pages_send_csp_and_no_cookies(client, home_page):
    response = client.get(home_page.url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_admin_is_in_dutch(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert find_one(response, "html").get("lang") == "nl"


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
    # Logos sit at the bottom of every page: the browser fetches them only when scrolled to.
    logos = find_all(find_one(client.get(page.url), "footer"), "img")
    assert logos
    assert {img.get("loading") for img in logos} == {"lazy"}


def test_svg_image_in_a_body_renders(client, home_page):
    image = CustomImage(title="Logo", width=120, height=80)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"></svg>'
    image.file.save("logo.svg", ContentFile(svg), save=False)
    image.width, image.height = 120, 80
    image.save()
    body = [image_block(image, "Logo van het netwerk")]
    page = StandardPageFactory(parent=home_page, body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    figure = find_one(find_one(response, "article"), "figure", "figure")
    image = find_one(figure, "img")
    assert image.get("alt") == "Logo van het netwerk"
    assert image.get("src").endswith(".svg")


def test_deleted_document_or_image_leaves_no_empty_link(client, home_page):
    document = DocumentFactory(title="Weg")
    image = ImageFactory()
    page = StandardPageFactory(parent=home_page, body=full_body(document, image))
    document.delete()
    image.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    article = find_one(response, "article", "prose")
    assert "Weg" not in text(article)
    assert find_all(article, "figure", "figure") == []
    assert find_all(article, "p", "download") == []
    # The rest of the body is still there.
    assert [text(h2) for h2 in find_all(article, "h2")] == ["Een tussenkop", "Voorzitterschap"]


def test_meta_description_falls_back_to_the_first_paragraph(client, home_page):
    body = [{"type": "paragraph", "value": "<p>Wij strijden <b>samen</b> tegen armoede.</p>"}]
    page = StandardPageFactory(parent=home_page, introduction="", body=body)
    description = find_one(client.get(page.url), "meta", name="description")
    assert description.get("content") == "Wij strijden samen tegen armoede."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # As Draftail stores them: entities for ' & " and a no-break space (Yoast
        # wordpress-seo#11578 is the same double escape).
        ('<p data-block-key="a1">Ik ben Anna &#x27;t Hart.</p>', "Ik ben Anna 't Hart."),
        (
            "<p>Zo&#x27;n gezin, twee auto&#x27;s &amp; geen geld.</p>",
            "Zo'n gezin, twee auto's & geen geld.",
        ),
        ("<p>&quot;Schuldhulp&quot; zei ze,&nbsp;toen.</p>", '"Schuldhulp" zei ze, toen.'),
        (
            "<p>Regel &lt;b&gt; blijft tekst<br/>en een tweede regel.</p>",
            "Regel <b> blijft tekst en een tweede regel.",
        ),
    ],
)
def test_share_texts_from_the_first_paragraph_are_escaped_once(client, home_page, source, expected):
    page = StandardPageFactory(
        parent=home_page, introduction="", body=[{"type": "paragraph", "value": source}]
    )
    head = find_one(client.get(page.url), "head")  # html5lib decodes each attribute once
    assert find_one(head, "meta", name="description").get("content") == expected
    assert find_one(head, "meta", property="og:description").get("content") == expected


def test_uploaded_documents_are_not_served_as_plain_media(client, home_page):
    document = DocumentFactory()
    name = document.file.name
    assert name.startswith("documents/")
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(document.url).status_code == 200
