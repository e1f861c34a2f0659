"""Whole pages in each process's memory until the content changes (caching.page_memory):
the crowd past the proxy's cache gets a page rendered once, with every header it had, and
never one that differs per visitor."""

import time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.cache import add_never_cache_headers

from website.caching.page_memory import keepable, key_for
from website.core.protection import HONEYPOT_FIELD
from website.library.models import PublicationPage
from website.pages.models import ContactMessage
from website.stories.models import StorySubmission

pytestmark = pytest.mark.django_db

PUBLICATION = "/documenten/verbeterpunten-schuldhulpverlening/"


@pytest.fixture(autouse=True)
def page_memory(settings):
    settings.PAGE_MEMORY = True


def rendered(response):
    """True when the page was rendered for this request (Django's test client records the
    templates a response rendered; a page from memory rendered none)."""
    return bool(response.templates)


@pytest.mark.parametrize("path", ["/", PUBLICATION, "/documenten/?soort=reactie", "/bestaat-niet/"])
def test_a_public_page_is_rendered_once_and_then_answered_from_memory(client, seeded, path):
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    assert rendered(first) and not rendered(second)
    assert len(queries) == 0
    assert second.status_code == first.status_code
    assert second.content == first.content
    for header in ("Content-Security-Policy", "Cache-Control", "ETag", "Strict-Transport-Security",
                   "X-Content-Type-Options", "Referrer-Policy", "Content-Type"):  # fmt: skip
        assert second.get(header) == first.get(header), header


def test_a_change_of_content_is_served_at_once(client, seeded):
    client.get(PUBLICATION)
    page = PublicationPage.objects.get(url_path__endswith="/verbeterpunten-schuldhulpverlening/")
    page.title = "Verbeterpunten schuldhulp, bijgewerkt"
    page.save_revision().publish()
    response = client.get(PUBLICATION)
    assert rendered(response)
    assert "Verbeterpunten schuldhulp, bijgewerkt" in response.content.decode()


def test_a_browser_that_has_the_page_gets_a_304_from_memory(client, seeded):
    etag = client.get(PUBLICATION)["ETag"]
    again = client.get(PUBLICATION, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not rendered(again)
    assert again["ETag"] == etag


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "known_browser"])
def test_a_visitor_with_a_session_or_a_message_gets_the_page_rendered(client, seeded, cookie):
    client.get(PUBLICATION)
    client.cookies[cookie] = "x"
    assert rendered(client.get(PUBLICATION))


def test_a_visitor_with_only_a_csrf_cookie_gets_the_page_from_memory(client, seeded):
    client.get(PUBLICATION)
    client.cookies["csrftoken"] = "x" * 32
    assert not rendered(client.get(PUBLICATION))


def filled_in(response, text="Hallo, ik ben Kees."):
    """The main form's fields of a page, filled in as a visitor would: {name: value}."""
    form = BeautifulSoup(response.content, "html.parser").select_one("main form[method=post]")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if name == HONEYPOT_FIELD or kind == "hidden":
            data[name] = field.get("value", "")
        elif kind == "email":
            data[name] = "kees@example.org"
        elif kind == "tel":
            data[name] = "06 12345678"
        elif kind in ("checkbox", "radio"):
            data[name] = field.get("value", "on")
        elif field.name == "select":
            data[name] = field.select("option[value]")[-1]["value"]
        else:
            data[name] = text
    return data


@pytest.mark.parametrize("form_page", ["/contact/", "/wat-mensen-overkomt/deel-je-verhaal/"])
def test_a_form_page_is_kept_and_each_visitor_gets_a_token_of_their_own(seeded, form_page):
    """A form page is rendered once; the next visitor gets it from memory with a token and
    cookie of their own, which Django's CSRF check then accepts, and someone else's not."""
    first_visitor, second_visitor = (
        Client(enforce_csrf_checks=True),
        Client(enforce_csrf_checks=True),
    )
    first = first_visitor.get(form_page)
    with CaptureQueriesContext(connection) as queries:
        second = second_visitor.get(form_page)
    assert rendered(first) and not rendered(second) and len(queries) == 0
    assert "private" in second["Cache-Control"] and not second.has_header("ETag")
    assert second.cookies["csrftoken"]["samesite"] == first.cookies["csrftoken"]["samesite"]
    theirs, own = filled_in(first), filled_in(second)
    assert theirs["csrfmiddlewaretoken"] != own["csrfmiddlewaretoken"]
    assert {**theirs, "csrfmiddlewaretoken": ""} == {**own, "csrfmiddlewaretoken": ""}

    someone_elses = {**own, "csrfmiddlewaretoken": theirs["csrfmiddlewaretoken"]}
    assert second_visitor.post(form_page, someone_elses).status_code == 403
    assert second_visitor.post(form_page, own).status_code == 302
    assert sent() == 1

    # A visitor who has the cookie already gets a token of that cookie from memory. A
    # message someone sent changes no public page: the kept page stays (a story becomes a
    # draft page, and any change in the page tree renews every kept page).
    again = first_visitor.get(form_page)
    assert rendered(again) == (form_page != "/contact/")
    assert again.cookies["csrftoken"].value == first.cookies["csrftoken"].value
    assert first_visitor.post(form_page, filled_in(again, "Nog een vraag.")).status_code == 302
    assert sent() == 2


def sent():
    return ContactMessage.objects.count() + StorySubmission.objects.count()


def test_a_page_a_view_keeps_from_every_cache_is_not_kept(rf):
    """A personal link (`never_cache`: no-store) with a form is rendered for each request."""
    response = HttpResponse(
        b'<input type="hidden" name="csrfmiddlewaretoken" value="' + b"a" * 64 + b'">'
    )
    response.set_cookie("csrftoken", "b" * 32)
    add_never_cache_headers(response)
    assert keepable(rf.get("/intrekken/x/"), response) is None
    response["Cache-Control"] = "private, no-cache"
    assert keepable(rf.get("/contact/"), response) == "form"


def test_the_admin_and_other_methods_are_never_from_memory(admin_client, rf, seeded):
    for _ in range(2):
        assert rendered(admin_client.get("/admin/"))
    assert key_for(rf.get("/")) is not None
    for method in (rf.post, rf.head, rf.put):
        assert key_for(method("/")) is None


def test_a_search_is_kept_per_query(client, seeded):
    client.get("/zoeken/?q=armoede")
    assert not rendered(client.get("/zoeken/?q=armoede"))
    assert rendered(client.get("/zoeken/?q=schulden"))


def test_a_kept_page_is_rendered_again_after_its_time(client, seeded, settings):
    """What depends on the clock (the agenda's upcoming dates, a sign-up's deadline) is at
    most PAGE_MEMORY_SECONDS late, even when no content changed."""
    settings.PAGE_MEMORY_SECONDS = 1
    client.get("/agenda/")
    assert not rendered(client.get("/agenda/"))
    time.sleep(1.1)
    assert rendered(client.get("/agenda/"))
