"""The contact page as editors preview it and as visitors reach it after sending."""

import pytest
from django.test import RequestFactory, SimpleTestCase

from website.core.tests.utils import main_content
from website.pages.models import ContactPage

pytestmark = pytest.mark.django_db
html = SimpleTestCase()


@pytest.fixture
def contact(seeded):
    return ContactPage.objects.get()


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
