"""Composing a newsletter from the site's content: the mail as HTML and plain text, the
preview, the test to the editor, and the public archive (only what was sent)."""

import email
import re

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from website.library.models import PublicationPage
from website.newsletter.blocks import EventsBlock, PublicationsBlock, StoriesBlock
from website.newsletter.mailing import render_mail
from website.newsletter.models import NewsletterIndexPage, NewsletterPage
from website.newsletter.sending import start_sending
from website.pages.models import ContactPage
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage, StoryPage
from website.testing.utils import find_all, find_one, main_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(seeded):
    archive = NewsletterIndexPage.objects.get()
    story = StoryPageFactory(
        parent=StoryIndexPage.objects.get(locale__language_code="nl"), title="Rondkomen in Zwolle"
    )
    page = NewsletterPage(
        title="Nieuwsbrief december",
        slug="december",
        introduction="Wat het netwerk deed & wat eraan komt.",
        body=[
            {
                "type": "paragraph",
                "value": '<h2 data-block-key="a">Beste lezer</h2><p data-block-key="b">Lees '
                '<a href="https://example.org/brief">onze brief</a> aan de Kamer.</p>'
                '<ul><li data-block-key="c">Eén</li><li data-block-key="d">Twee</li></ul>',
            },
            {"type": "publications", "value": {"heading": "Nieuwe documenten", "count": 2}},
            {"type": "events", "value": {"heading": "Agenda", "count": 3}},
            {
                "type": "stories",
                "value": {"heading": "Verhalen", "count": 3, "pages": [story.pk]},
            },
        ],
        live=False,
    )
    archive.add_child(instance=page)
    page.save_revision()
    return page


def site():
    return Site.objects.get(is_default_site=True)


def test_the_mail_pulls_in_the_sites_content_as_html_and_text(newsletter):
    message = render_mail(newsletter, site(), unsubscribe_url="https://example.org/afmelden/x/")
    newest = list(PublicationPage.objects.live().order_by("-date", "-pk")[:2])
    story = StoryPage.objects.get(title="Rondkomen in Zwolle")
    for text in (message.html, message.text):
        for publication in newest:
            assert publication.title in text or publication.title.upper() in text
        assert story.title in text
        assert "https://example.org/afmelden/x/" in text
    assert message.subject.endswith("Nieuwsbrief december")
    assert "Wat het netwerk deed & wat eraan komt." in message.text
    assert "Lees onze brief (https://example.org/brief) aan de Kamer." in message.text
    assert "- Eén\n- Twee" in message.text
    assert "Wat het netwerk deed &amp; wat eraan komt." in message.html


def test_the_mail_has_no_pixel_and_no_redirected_links(newsletter):
    message = render_mail(newsletter, site(), unsubscribe_url="https://example.org/afmelden/x/")
    assert "<img" not in message.html and "url(" not in message.html
    root = site().root_url
    links = re.findall(r'href="([^"]+)"', message.html)
    assert links
    allowed = (root, "https://example.org/brief", "https://example.org/afmelden/x/")
    assert all(link.startswith(allowed) for link in links), links
    assert not find_all(message.html, "script")


def test_preview_shows_the_mail_as_html_and_as_plain_text(newsletter, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    as_text = newsletter.serve_preview(request, "text")
    assert as_text["Content-Type"] == "text/plain; charset=utf-8"
    assert "Nieuwsbrief december\n====" in as_text.content.decode()
    as_mail = newsletter.serve_preview(request, "mail")
    assert as_mail._csp_config["style-src"] == ["'unsafe-inline'"]  # the mail's own styles
    assert find_one(as_mail.content.decode(), "h1").text == "Nieuwsbrief december"


def test_the_editor_sends_a_test_to_themselves_and_cannot_publish_by_hand(
    admin_client, admin_user, newsletter
):
    edit = admin_client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    assert "Stuur een test naar mij" in edit
    assert 'name="action-publish"' not in edit
    test_url = f"/admin/nieuwsbrief/{newsletter.pk}/test/"
    assert admin_user.email in main_content(admin_client.get(test_url))
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = admin_client.post(test_url)
    assert answer.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == [admin_user.email]
    assert sent.subject.startswith("[Test] ")
    parsed = email.message_from_bytes(sent.message().as_bytes())
    kinds = [part.get_content_type() for part in parsed.walk()]
    assert "text/plain" in kinds and "text/html" in kinds


def test_publishing_by_hand_is_refused_however_it_is_asked_for(
    admin_client, admin_user, newsletter
):
    revision = newsletter.save_revision(user=admin_user)
    with pytest.raises(PermissionDenied):
        revision.publish(user=admin_user)
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={newsletter.pk}"
    assert admin_client.post(bulk).status_code in (200, 302)
    copy = newsletter.copy(update_attrs={"title": "Kopie", "slug": "kopie"}, keep_live=True)
    edit = admin_client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    add = admin_client.get(
        f"/admin/pages/add/newsletter/newsletterpage/{newsletter.get_parent().pk}/"
    )
    newsletter.refresh_from_db()
    assert not newsletter.live and not copy.live
    made_in_code = newsletter.get_parent().add_child(
        instance=NewsletterPage(title="Uit een script", slug="script")
    )
    assert not made_in_code.live
    assert newsletter.get_workflow() is None  # "Goedkeuren en publiceren" would publish it
    for form in (edit, add.content.decode()):
        assert 'name="action-publish"' not in form
        assert 'name="action-submit"' not in form
        # No schedule either: "Ingepland" would look like a send that never comes.
        assert 'name="go_live_at"' not in form


@pytest.mark.indexing  # searches
def test_only_sent_newsletters_are_public_in_the_archive_and_feeds(client, newsletter):
    archive = NewsletterIndexPage.objects.get()
    newsletter.save_revision().publish()  # live, as a bulk action could make it
    assert client.get(newsletter.url).status_code == 404
    assert newsletter.url not in client.get("/zoeken/", {"q": "december"}).content.decode()
    assert newsletter.url not in client.get("/sitemap.xml").content.decode()
    assert "december" not in client.get(archive.url).content.decode()

    newsletter.sent_at = timezone.now()
    newsletter.save_revision().publish()
    page = client.get(newsletter.url)
    assert page.status_code == 200
    assert "Nieuwe documenten" in main_content(page)
    assert "Nieuwsbrief december" in main_content(client.get(archive.url))
    found = client.get("/zoeken/", {"q": "nieuwsbrief december"}).content.decode()
    assert newsletter.url in found
    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"{archive.url}feed/{kind}/").content)
        assert not feed.bozo, kind
        assert [entry.title for entry in feed.entries] == ["Nieuwsbrief december"]


def test_the_sites_own_links_are_absolute_in_the_mail(newsletter):
    contact = ContactPage.objects.get(locale__language_code="nl")
    page = newsletter.get_latest_revision_as_object()
    page.body = [
        {
            "type": "paragraph",
            "value": f'<p data-block-key="a">Mail ons via <a linktype="page" id="{contact.pk}">'
            "de contactpagina</a>.</p>",
        }
    ]
    message = render_mail(page, site(), unsubscribe_url="https://example.org/x/", web_link=False)
    assert f'href="{site().root_url}/contact/"' in message.html
    assert f"de contactpagina ({site().root_url}/contact/)" in message.text
    assert "Lees deze nieuwsbrief op de website" not in message.html + message.text


def test_sent_is_a_fact_copies_and_old_versions_do_not_change(client, newsletter):
    draft = newsletter.get_latest_revision()
    start_sending(newsletter)
    newsletter.refresh_from_db()
    sent_at, shown = newsletter.sent_at, main_content(client.get(newsletter.url))

    StoryPageFactory(
        parent=StoryIndexPage.objects.get(locale__language_code="nl"), title="Een verhaal van later"
    )
    assert main_content(client.get(newsletter.url)) == shown  # what was sent, as it was

    draft.publish()  # the version from before sending brought back
    newsletter.refresh_from_db()
    assert newsletter.sent_at == sent_at and newsletter.sent_sections
    assert client.get(newsletter.url).status_code == 200

    copy = newsletter.copy(update_attrs={"slug": "januari", "title": "Nieuwsbrief januari"})
    assert copy.sent_at is None and copy.sent_sections is None
    assert copy.first_published_at is None and copy.last_published_at is None


def test_a_sent_newsletter_taken_offline_can_go_back_online(admin_client, admin_user, newsletter):
    """ "Publicatie intrekken" on a sent newsletter, then "Publiceren": it was sent, so it may
    be public again (before, nothing could bring it back and the archive said none was
    ever sent)."""
    start_sending(newsletter)
    newsletter.refresh_from_db()
    newsletter.unpublish(user=admin_user)
    newsletter.refresh_from_db()
    assert not newsletter.live
    assert newsletter.permissions_for_user(admin_user).can_publish()
    newsletter.get_latest_revision().publish(user=admin_user)
    newsletter.refresh_from_db()
    assert newsletter.live and newsletter.sent_at is not None


def test_the_copy_dialog_offers_no_publishing_for_a_sent_newsletter(admin_client, newsletter):
    """Copying a sent (live) newsletter: Wagtail would offer "Publiceer gekopieerde pagina"
    and an alias, and ignore or bypass sending; the dialog offers neither and says what the
    copy becomes. Asked for anyway, the copy is an unsent draft."""
    start_sending(newsletter)
    newsletter.refresh_from_db()
    assert newsletter.live
    url = f"/admin/pages/{newsletter.pk}/copy/"
    form = admin_client.get(url).context["form"]
    assert "publish_copies" not in form.fields and "alias" not in form.fields
    assert "nog niet is verzonden" in form.fields["new_title"].help_text

    answer = admin_client.post(
        url,
        {
            "new_title": "Nieuwsbrief januari",
            "new_slug": "januari",
            "new_parent_page": newsletter.get_parent().pk,
            "publish_copies": "on",
            "alias": "on",
        },
    )
    assert answer.status_code == 302
    copy = NewsletterPage.objects.get(slug="januari")
    assert not copy.live and copy.sent_at is None and copy.alias_of_id is None


def test_an_empty_newsletter_cannot_be_sent(admin_client, seeded):
    empty = NewsletterPage(title="Leeg", slug="leeg", live=False)
    NewsletterIndexPage.objects.get().add_child(instance=empty)
    empty.save_revision()
    url = f"/admin/nieuwsbrief/{empty.pk}/verzenden/"
    assert "Deze nieuwsbrief is nog leeg" in admin_client.get(url).content.decode()
    admin_client.post(url)
    empty.refresh_from_db()
    assert empty.sent_at is None


def test_the_archive_costs_the_same_queries_however_many_were_sent(client, seeded):
    archive = NewsletterIndexPage.objects.get()

    def add(count):
        for _ in range(count):
            number = NewsletterPage.objects.count()
            page = NewsletterPage(title=f"Nieuwsbrief {number}", slug=f"nb-{number}", live=False)
            archive.add_child(instance=page)
            page.save_revision()
            start_sending(page)

    def queries():
        client.get(archive.url)  # warm the caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(archive.url).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(4)
    assert queries() == few


def test_the_admin_menu_leads_editors_to_the_newsletters(admin_client, client, seeded):
    archive = NewsletterIndexPage.objects.get()
    home = admin_client.get("/admin/").content.decode()
    assert "/admin/nieuwsbrieven/" in home  # the sidebar's menu (JSON in the page)
    answer = admin_client.get("/admin/nieuwsbrieven/")
    assert answer["Location"] == f"/admin/pages/{archive.pk}/"
    # On top of the list, a button that says how a new one starts.
    listing = admin_client.get(answer["Location"]).content.decode()
    write = f"/admin/pages/add/newsletter/newsletterpage/{archive.pk}/"
    assert "Nieuwsbrief schrijven" in listing and write in listing
    contributor = get_user_model().objects.create_user("bijdrager", "b@example.org", "x")
    contributor.groups.add(Group.objects.get(name="Bijdrager"))
    client.force_login(contributor)
    assert "/admin/nieuwsbrieven/" not in client.get("/admin/").content.decode()


def test_each_list_block_starts_with_its_heading_filled_in():
    headings = [block().get_default()["heading"] for block in (PublicationsBlock, StoriesBlock)]
    assert headings + [EventsBlock().get_default()["heading"]] == [
        "Nieuwe documenten",
        "Verhalen",
        "Agenda",
    ]
