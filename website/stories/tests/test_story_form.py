"""The "Deel je verhaal" form: what it asks and keeps private, consent, hostile input, repeats
and two presses at once (stored once), the rate limit."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from website.core.factories import ImageFactory
from website.stories.models import StoryPage, StorySubmission
from website.stories.tests.sharing import VALID, post, share_url
from website.testing.concurrency import all_at_once, database_for_threads
from website.testing.utils import (
    find_one,
    main_content,
)

pytestmark = pytest.mark.django_db


def test_pressing_send_again_stores_the_story_once(client, stories, mailoutbox):
    first = post(client, stories)
    again = post(client, stories)  # the same content, a moment later
    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert StorySubmission.objects.count() == 1
    assert len(mailoutbox) == 2  # the editors' notice and the writer's receipt, once each
    post(client, stories, story="Een ander verhaal.")
    assert StorySubmission.objects.count() == 2  # other content is a new story


@pytest.mark.database
@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_moment_store_the_story_once(stories, tmp_path):
    """Both requests arrive together (a slow connection, a double tap): one is stored, the
    other waits for it and gets the same thank-you page."""
    locations = []

    def send(_):
        response = Client().post(share_url(stories), VALID)
        locations.append((response.status_code, response.headers.get("Location")))

    with database_for_threads(tmp_path):
        assert all_at_once(send, [1, 2]) == []
        counts = []
        all_at_once(lambda _: counts.append(StorySubmission.objects.count()), [None])
    assert counts == [1]
    assert len(set(locations)) == 1
    assert locations[0][0] == 302


def test_the_town_stays_private_unless_the_writer_asks_for_it(client, stories):
    """A first name and a small town together identify someone: the draft gets the town
    only when the writer ticked "Zet mijn woonplaats bij mijn verhaal"."""
    post(client, stories)
    kept_private = StorySubmission.objects.get()
    assert kept_private.place == "Beilen"  # the editors still see it
    assert kept_private.show_place is False
    assert kept_private.page.place == ""
    assert kept_private.page.byline == "Verteld door Marieke"

    post(client, stories, show_place="on", place="Ter Apel")
    shown = StorySubmission.objects.get(place="Ter Apel")
    assert shown.page.byline == "Verteld door Marieke, Ter Apel"

    post(client, stories, name_choice="anoniem", show_place="on", place="Emmen")
    anonymous = StorySubmission.objects.get(place="Emmen")
    # Not "Verteld door anoniem"; the card says the same as the page.
    assert anonymous.page.byline == "Anoniem verteld, Emmen"
    assert anonymous.page.title.startswith("Anoniem verhaal: ")


def test_the_town_choice_starts_off_and_needs_a_town(client, stories):
    box = find_one(main_content(client.get(share_url(stories))), "input", name="show_place")
    assert box.get("checked") is None
    response = post(client, stories, show_place="on", place="  ")
    assert response.status_code == 200
    assert "Vul je woonplaats in, of zet het vinkje eronder uit." in main_content(response)
    assert StorySubmission.objects.count() == 0


def test_consent_for_the_website_is_required_and_input_is_kept(client, stories):
    response = post(client, stories, consent_website=None, shown_name="")
    content = main_content(response)
    assert response.status_code == 200
    assert "Zonder deze toestemming kunnen we je verhaal niet plaatsen." in content
    assert "Vul de naam in die we bij je verhaal zetten." in content
    assert "Ik kom elke maand tekort." in content
    assert StorySubmission.objects.count() == 0


def test_consents_start_unticked(client, stories):
    content = main_content(client.get(share_url(stories)))
    for name in ("consent_website", "consent_letters"):
        box = find_one(content, "input", name=name)
        assert box.get("type") == "checkbox"
        assert box.get("checked") is None, name


@pytest.mark.parametrize("field", ["story", "shown_name", "place"])
def test_xss_comes_out_escaped_publicly_and_in_the_admin(client, admin_client, stories, field):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    post(client, stories, **{field: payload})
    page = StorySubmission.objects.get().page
    page.save_revision().publish()
    public = client.get(page.url).content.decode()
    assert "<script>alert" not in public
    assert "<img src=x" not in public
    admin = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "<script>alert('x')</script>" not in admin


def test_hostile_sizes_and_null_bytes_never_500(client, stories):
    assert post(client, stories, story="x" * 20_000).status_code == 200  # too long: message
    assert post(client, stories, place="Beilen\x00\x0b").status_code == 302  # dropped
    assert StorySubmission.objects.get().place == "Beilen"
    StorySubmission.objects.all().delete()
    assert client.post(share_url(stories), {"story": "x" * 200_000}).status_code == 413
    assert StorySubmission.objects.count() == 0


def test_rate_limit(client, stories, settings):
    settings.FORM_RATE_LIMIT = (2, 60)
    assert [post(client, stories).status_code for _ in range(2)] == [302, 302]
    refused = post(client, stories, shown_name="Derde")
    assert refused.status_code == 429
    assert find_one(main_content(refused), "input", name="shown_name").get("value") == "Derde"


def test_photo_needs_a_description(stories):
    page = StoryPage(title="X", date="2026-01-01", image=ImageFactory(), image_alt="")
    with pytest.raises(ValidationError):
        page.clean()
