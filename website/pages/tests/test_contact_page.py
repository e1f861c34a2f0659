"""The contact page as editors preview it and as visitors reach it after sending."""

import pytest
from django.test import RequestFactory, SimpleTestCase

from website.pages.models import ContactPage
from website.testing.utils import main_content

pytestmark = pytest.mark.django_db
html = SimpleTestCase()


@pytest.fixture
def contact(seeded):
    return ContactPage.objects.get(locale__language_code="nl")


@pytest.mark.parametrize(
    ("mode", "heading"), [("form", "Contact"), ("landing", "Bericht verstuurd")]
)
def test_both_preview_modes_show_what_visitors_will_see(contact, admin_user, mode, heading):
    request = RequestFactory().get(contact.url)
    request.user = admin_user
    response = contact.serve_preview(request, mode)
    response.render()
    html.assertInHTML(f"<h1>{heading}</h1>", response.content.decode())


def test_the_thank_you_page_is_reachable_and_not_indexed(client, contact):
    response = client.get(contact.url + "bedankt/")
    html.assertContains(response, "<h1>Bericht verstuurd</h1>", html=True)
    html.assertContains(response, '<meta name="robots" content="noindex">', html=True)
    assert 'class="form"' not in main_content(response)


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_a_preview_may_be_framed_by_the_admin_but_the_page_by_no_one(client, contact, mode):
    """Wagtail shows previews in a frame of the admin; the public page stays unframeable."""
    preview = contact.make_preview_request(preview_mode=mode)
    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview.headers["Content-Security-Policy"]
    public = client.get(contact.url)
    assert "frame-ancestors 'none'" in public.headers["Content-Security-Policy"]
