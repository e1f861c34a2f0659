"""Fast under a crowd: what the reverse proxy may keep (Cache-Control, core.http_cache), the
content cache behind it (core.content_cache: fragments and objects replaced whenever content
changes), and at most ten SQL queries for any page type, flat as content grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage
from website.articles.factories import ArticlePageFactory
from website.articles.models import ArticleIndexPage
from website.caching import content_cache
from website.core.models import SiteSettings
from website.core.private_links import new_token
from website.core.samples import page_samples
from website.initiatives.factories import InitiativePageFactory
from website.initiatives.models import InitiativeIndexPage
from website.library.factories import PublicationPageFactory
from website.library.models import LibraryIndexPage, PublicationPage
from website.mail.models import OutgoingEmail
from website.network.factories import MemberOrganisationFactory
from website.pages.factories import StandardPageFactory
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage
from website.testing.showcase import add_showcase
from website.testing.utils import find_all, find_one, text
from website.themes.factories import tag
from website.themes.models import ThemePage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def cache_control(response):
    """{directive: value or True} of the response's Cache-Control."""
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value or True
    return directives


def queries_of(client, path):
    """(status, SQL statements) of one GET of `path` after a first one warmed the caches."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, [query["sql"] for query in queries]


def all_samples(site):
    return page_samples(site) + add_showcase(site)


# --- What the proxy may cache ------------------------------------------------------------


def test_public_pages_may_be_cached_by_the_proxy_for_seconds(client, seeded, settings):
    """Every page the same for all anonymous visitors, its feeds and calendars, and the 404:
    the proxy keeps them PAGE_CACHE_SECONDS, serves the old copy while it fetches a new one
    and while the site fails; browsers ask again each time."""
    paths = ["/", "/documenten/", "/documenten/feed/rss/", "/agenda/ical/", "/zoeken/?q=schuld"]
    for path in [*paths, "/bestaat-niet/"]:
        response = client.get(path)
        directives = cache_control(response)
        assert "public" in directives, path
        assert directives["s-maxage"] == str(settings.PAGE_CACHE_SECONDS), path
        assert directives["stale-while-revalidate"] == str(settings.PAGE_CACHE_STALE_SECONDS)
        assert directives["stale-if-error"] == str(settings.PAGE_CACHE_ERROR_SECONDS), path
        assert not response.cookies, path
    assert cache_control(client.get("/"))["max-age"] == "0"
    # A view's own browser lifetime stays (the share picture: a day); the proxy's is short.
    picture = cache_control(client.get(reverse("share_image")))
    assert picture["max-age"] == "86400" and picture["s-maxage"] == "5"


def test_the_page_cache_settings_keep_a_change_within_ten_seconds(settings):
    """The issue's promise: a change reaches anonymous visitors within 10 s."""
    assert settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS <= 10


def test_form_pages_the_admin_and_personal_links_are_never_cached(client, seeded):
    """A page that carries a CSRF token sets a cookie: one visitor's token must never be
    served to another. The admin, a personal link, a visitor with a session and every POST
    are private too."""
    event_date = next(path for name, path in add_showcase(seeded) if name == "signup-form")
    for path in ["/contact/", "/wat-mensen-overkomt/deel-je-verhaal/", event_date]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "csrftoken" in response.cookies, path
        assert "private" in cache_control(response), path
        assert "public" not in cache_control(response), path

    # A personal link, also one that finds nothing.
    personal = client.get(f"/agenda/afmelden/{new_token()[0]}/")
    assert personal.status_code == 404
    assert "no-store" in cache_control(personal)

    login = client.get(reverse("wagtailadmin_login"))
    assert "private" in cache_control(login) or "no-cache" in cache_control(login)
    assert "public" not in cache_control(login)

    post = client.post("/zoeken/", {"q": "schuld"})
    assert "public" not in cache_control(post)
    # A form sent back with what the person typed is kept by no one, the browser included.
    for path in ["/contact/", "/wat-mensen-overkomt/deel-je-verhaal/"]:
        errors = client.post(path, {"fax_nummer": ""})
        assert errors.status_code == 200 and "no-store" in cache_control(errors), path


def test_a_visitor_with_a_session_gets_nothing_from_or_for_the_shared_cache(
    client, seeded, django_user_model
):
    editor = django_user_model.objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(editor)
    response = client.get("/documenten/")
    assert response.status_code == 200
    assert "public" not in cache_control(response)
    assert "private" in cache_control(response)


def test_document_downloads_are_not_put_in_the_page_cache(client, seeded):
    from website.library.factories import make_document, pdf_bytes  # noqa: PLC0415

    document = make_document("brief.pdf", pdf_bytes("Een brief"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert "public" not in cache_control(response)


# --- At most ten queries, flat as content grows --------------------------------------------


def grow(site, batch, count=3):
    """More of everything a page lists: publications, stories, events with dates,
    initiatives, articles and member organisations, tagged with the seed's themes."""
    root = site.root_page
    themes = list(ThemePage.objects.live())
    library = LibraryIndexPage.objects.descendant_of(root).get()
    stories = StoryIndexPage.objects.descendant_of(root).get()
    agenda = AgendaIndexPage.objects.descendant_of(root).get()
    initiatives = InitiativeIndexPage.objects.descendant_of(root).get()
    articles = ArticleIndexPage.objects.descendant_of(root).order_by("path").first()
    for number in range(count):
        theme = themes[number % len(themes)]
        tag(PublicationPageFactory(parent=library, date=datetime.date(2015, 1, 1 + number)), theme)
        tag(StoryPageFactory(parent=stories, title=f"Verhaal {batch}-{number}"), theme)
        event = tag(EventPageFactory(parent=agenda, title=f"Bijeenkomst {batch}-{number}"), theme)
        add_date(event, days=3 + number)
        add_date(event, days=-400 - number)  # and one in the archive
        tag(InitiativePageFactory(parent=initiatives, title=f"Initiatief {batch}-{number}"), theme)
        tag(ArticlePageFactory(parent=articles, title=f"Artikel {batch}-{number}"), theme)
        member = MemberOrganisationFactory(
            name=f"Organisatie {batch}-{number}", show_logo_in_footer=True
        )
        member.themes.add(theme)


def test_every_page_type_takes_at_most_ten_queries_however_much_content(client, seeded):
    """Warm cache (a page once shown): routing, site, settings, menu, footer, themes and
    related items come from the content cache; what is left is the page's own content.
    Page type by page type, at most ten queries, and a second batch of every kind of
    content costs no query more (the first may add one: a prefetch that runs only once
    there is something to fetch, such as the logos' renditions)."""
    samples = all_samples(seeded)
    grow(seeded, "a")
    before = {}
    for name, path in samples:
        status, statements = queries_of(client, path)
        assert status in (200, 302, 404), (name, status)
        assert len(statements) <= MAX_QUERIES, (name, path, statements)
        before[path] = len(statements)
    grow(seeded, "b")
    after = {path: len(queries_of(client, path)[1]) for _name, path in samples}
    grown = {path: (before[path], after[path]) for path in before if after[path] > before[path]}
    assert not grown, grown


# --- The content cache follows every change -------------------------------------------


def menu_titles(response):
    return [text(link) for link in find_all(find_one(response, "nav", id="hoofdmenu"), "a")]


def test_a_new_section_appears_in_the_menu_at_once(client, seeded):
    assert "Werkgroepen" not in menu_titles(client.get("/documenten/"))
    StandardPageFactory(parent=seeded.root_page, title="Werkgroepen", show_in_menus=True)
    assert "Werkgroepen" in menu_titles(client.get("/documenten/"))


def test_a_changed_setting_shows_on_every_page_at_once(client, seeded):
    client.get("/documenten/")
    settings = SiteSettings.objects.get()
    settings.tagline = "Samen tegen armoede, nu ook in de kop"
    settings.save()
    for path in ("/", "/documenten/", "/themas/"):
        assert "Samen tegen armoede, nu ook in de kop" in client.get(path).text, path


def test_a_new_member_shows_in_the_footer_at_once(client, seeded):
    client.get("/")
    MemberOrganisationFactory(name="Voedselbank Beilen", show_logo_in_footer=True)
    assert "Voedselbank Beilen" in text(find_one(client.get("/agenda/"), "footer"))


def test_a_published_change_and_an_unpublished_page_show_at_once(client, seeded):
    page = PublicationPage.objects.live().first()
    assert client.get(page.url).status_code == 200
    page.title = "Een nieuwe titel voor deze brief"
    page.save_revision().publish()
    assert "Een nieuwe titel voor deze brief" in client.get(page.url).text
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address_only(client, seeded):
    page = PublicationPage.objects.live().first()
    old = page.url
    client.get(old)
    page.slug = "verhuisde-brief"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.url != old
    assert client.get(page.url).status_code == 200
    assert client.get(old).status_code != 200  # not the cached page at its old address


def test_a_preview_shows_the_draft_and_leaves_the_cached_page_alone(client, seeded):
    """Previewed first (nothing cached yet) and then shown to a visitor: the draft's body and
    themes are in the preview only, never stored for visitors."""
    page = PublicationPage.objects.live().first().specific
    theme = ThemePage.objects.live().exclude(pk__in=page.themes.all()).first()
    page.body = [("paragraph", RichText("<p>Alleen in het concept</p>"))]
    page.themes.add(theme)
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()  # what the admin's preview does
    assert "Alleen in het concept" in preview
    assert f">{theme.title}</a></li>" in preview
    public = client.get(page.url).text
    assert "Alleen in het concept" not in public
    assert f">{theme.title}</a></li>" not in public
    # And the other way round: with the page cached, the preview still shows the draft.
    assert "Alleen in het concept" in draft.make_preview_request().content.decode()


def test_internal_rows_leave_the_cache_alone_and_content_replaces_it(seeded):
    generation = content_cache.content_generation()
    OutgoingEmail.objects.create(to=["a@example.org"], subject="Test", body="Hallo")
    assert content_cache.content_generation() == generation
    MemberOrganisationFactory(name="Nieuw lid")
    assert content_cache.content_generation() != generation


def test_free_text_filters_are_not_cached_and_give_their_own_results(client, seeded):
    """The agenda's place is typed: each text its own answer, none kept in the cache."""
    agenda = AgendaIndexPage.objects.get()
    add_date(EventPageFactory(parent=agenda, title="In Beilen"), city="Beilen")
    add_date(EventPageFactory(parent=agenda, title="In Assen"), city="Assen")
    beilen = client.get("/agenda/?plaats=Beilen").text
    assen = client.get("/agenda/?plaats=Assen").text
    assert "In Beilen" in beilen and "In Assen" not in beilen
    assert "In Assen" in assen and "In Beilen" not in assen


def test_the_home_page_is_one_query_when_warm(client, seeded):
    status, statements = queries_of(client, "/")
    assert status == 200
    assert len(statements) <= 2, statements


def test_unknown_hosts_are_refused_before_the_site_lookup(client, seeded, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="made-up.example")
    assert response.status_code == 400
    assert Site.objects.exists() and Page.objects.exists()
