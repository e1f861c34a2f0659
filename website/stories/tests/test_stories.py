"""'Deel je verhaal': stored privately, a draft in moderation, withdrawable; the story pages."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site, WorkflowState
from wagtail.rich_text import RichText
from wagtail.signals import page_published

from website.core.factories import ImageFactory
from website.core.models import SiteSettings
from website.mail.models import OutgoingEmail
from website.mail.tasks import retry_due_emails
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryContact, StoryPage, StorySubmission
from website.stories.signals import forget_earlier_versions
from website.stories.tests.sharing import VALID, post, share_url, withdraw_link
from website.testing.utils import (
    assert_valid_html,
    card_titles,
    find_one,
    main_content,
    text,
)

pytestmark = pytest.mark.django_db


def test_index_lists_published_stories_newest_first(client, stories):
    StoryPageFactory(parent=stories, title="Ouder verhaal", date="2026-01-01")
    StoryPageFactory(parent=stories, title="Nieuw verhaal", date="2026-10-01")
    response = client.get(stories.url)
    assert_valid_html(response.content.decode())
    content = main_content(response)
    assert card_titles(content) == ["Nieuw verhaal", "Ouder verhaal"]
    invitation = find_one(content, "section", aria_labelledby="share-title")
    button = find_one(invitation, "a", "button")
    assert text(button) == "Deel je verhaal"
    assert button.get("href") == share_url(stories)


def test_story_page_renders_with_name_place_and_photo_alt(client, stories):
    page = StoryPageFactory(
        parent=stories,
        title="Rondkomen",
        shown_name="Piet",
        image=ImageFactory(),
        image_alt="Een lege koelkast",
    )
    article = find_one(client.get(page.url), "article")
    assert text(find_one(article, "p", "card__meta")) == "Verteld door Piet, Utrecht"
    figure = find_one(article, "figure", "figure")
    assert find_one(figure, "img").get("alt") == "Een lege koelkast"


def test_submission_creates_a_draft_in_moderation_and_nothing_public(client, stories, mailoutbox):
    response = post(client, stories)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("bedankt/")

    submission = StorySubmission.objects.get()
    assert submission.shown_name == "Marieke"
    assert submission.consent_website
    assert submission.consent_letters is False
    assert submission.consent_version
    assert submission.consented_at
    contact = StoryContact.objects.get()
    assert (contact.email, contact.phone) == ("schrijver@example.org", "06 12345678")

    page = submission.page
    assert page is not None
    assert not page.live
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    assert "schrijver@example.org" not in str(page.body.raw_data)
    assert page.url.startswith(stories.url)  # a draft still has its address
    assert client.get(page.url).status_code == 404  # but nobody can see it there
    assert "Marieke" not in main_content(client.get(stories.url))

    subjects = sorted(message.subject for message in mailoutbox)
    assert subjects == ["Nieuw verhaal ingestuurd", "We hebben je verhaal ontvangen"]
    editor_mail = next(m for m in mailoutbox if m.subject == "Nieuw verhaal ingestuurd")
    assert editor_mail.to == ["redactie@example.org"]
    assert editor_mail.reply_to == ["schrijver@example.org"]  # "Beantwoorden" reaches them
    assert "Ik kom elke maand tekort" not in editor_mail.body  # the story stays in the CMS


def test_withdrawal_erases_everything_and_a_second_use_says_it_is_gone(client, stories, mailoutbox):
    post(client, stories)
    submission = StorySubmission.objects.get()
    page = submission.page
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    link = withdraw_link(next(m for m in mailoutbox if "ontvangen" in m.subject))

    assert "Wil je je verhaal terugtrekken?" in main_content(client.get(link))
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(link)
    assert done.status_code == 302
    assert done.headers["Location"] == stories.url + "intrekken/klaar/"
    assert "Je verhaal is teruggetrokken" in main_content(client.get(done.headers["Location"]))
    assert StorySubmission.objects.count() == 0
    assert StoryContact.objects.count() == 0
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not OutgoingEmail.objects.filter(body__contains=link.split("/")[-2]).exists()

    again = client.get(link)
    assert again.status_code == 404
    assert "bestaat niet (meer)" in main_content(again)

    # The editors, whose earlier mail now links to nothing, are told why.
    notice = mailoutbox[-1]
    assert notice.to == ["redactie@example.org"]
    assert notice.subject == "Verhaal ingetrokken door de schrijver"
    received = timezone.localtime(submission.created_at)
    assert f"kwam binnen op {received:%-d} " in notice.body
    assert "Het verhaal stond op de site." in notice.body
    assert "Dan werkt de link daarin niet meer" in notice.body
    for private in ("Marieke", "schrijver@example.org", "Ik kom elke maand tekort"):
        assert private not in notice.body


def test_the_writer_hears_once_when_the_story_goes_live(client, stories, mailoutbox):
    post(client, stories)
    page = StorySubmission.objects.get().page
    first_link = withdraw_link(mailoutbox[-1])
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    notice = mailoutbox[-1]
    assert notice.subject == "Je verhaal staat op de website"
    assert notice.to == ["schrijver@example.org"]
    assert f"http://testserver{page.url}" in notice.body
    notice_link = withdraw_link(notice)
    assert notice_link != first_link
    for link in (first_link, notice_link):  # both links work
        assert "Wil je je verhaal terugtrekken?" in main_content(client.get(link))

    count = len(mailoutbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()  # a later correction: no second mail
    assert len(mailoutbox) == count

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(notice_link)
    # No mail about the story is left behind; the editors' notice of the withdrawal says
    # only when a story came in.
    (left,) = OutgoingEmail.objects.all()
    assert left.subject == "Verhaal ingetrokken door de schrijver"
    assert "Marieke" not in left.body and "schrijver@example.org" not in left.body
    assert client.get(first_link).status_code == 404


def test_withdrawing_one_story_keeps_the_mails_about_another(client, stories, mailoutbox):
    post(client, stories)
    post(client, stories, story="Mijn tweede verhaal.")
    first, second = (m for m in mailoutbox if "ontvangen" in m.subject)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(withdraw_link(first))
    kept = withdraw_link(second)
    assert OutgoingEmail.objects.filter(body__contains=kept.split("/")[-2]).count() == 1
    assert "Wil je je verhaal terugtrekken?" in main_content(client.get(kept))


def test_a_writer_without_email_gets_no_publication_mail(client, stories, mailoutbox):
    post(client, stories, email="")
    with TestCase.captureOnCommitCallbacks(execute=True):
        StorySubmission.objects.get().page.save_revision().publish()
    assert [m.subject for m in mailoutbox] == ["Nieuw verhaal ingestuurd"]


def test_without_email_there_is_no_confirmation(client, stories, mailoutbox):
    post(client, stories, email="", phone="")
    assert [m.subject for m in mailoutbox] == ["Nieuw verhaal ingestuurd"]
    assert StoryContact.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_keeps_the_story_and_sends_later(client, stories, mail_server):
    response = client.post(share_url(stories), {k: v for k, v in VALID.items() if v})
    assert response.status_code == 302
    assert StorySubmission.objects.count() == 1
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}

    mail_server.up()
    OutgoingEmail.objects.update(next_attempt_at=None)
    retry_due_emails.enqueue()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail_server.messages) == 2  # the editors' notice and the writer's receipt


def test_withdrawal_leaves_no_history_or_notices(client, stories, mailoutbox):
    post(client, stories)
    page = StorySubmission.objects.get().page
    page.save_revision().publish()
    assert PageLogEntry.objects.filter(page_id=page.pk).exists()
    link = withdraw_link(next(m for m in mailoutbox if "ontvangen" in m.subject))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link)
    assert not PageLogEntry.objects.filter(page_id=page.pk).exists()
    assert not OutgoingEmail.objects.filter(body__contains=f"/admin/pages/{page.pk}/").exists()


def test_rejecting_a_story_deletes_its_submission(client, stories):
    post(client, stories)
    StorySubmission.objects.get().page.delete()
    assert StorySubmission.objects.count() == 0
    assert StoryContact.objects.count() == 0


def test_editors_are_told_even_without_an_address_in_the_settings(
    client, stories, mailoutbox, django_user_model
):

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.notification_email = ""
    settings_.save()
    django_user_model.objects.create_superuser("baas", "baas@example.org", "x")
    editor = django_user_model.objects.create_user("redacteur", "redacteur@example.org", "x")
    editor.groups.add(Group.objects.get(name="Redactie"))
    post(client, stories)
    # One mail to the editors for one story (Wagtail's own two, to each superuser and each
    # reviewer, are off: contributors.admin_app).
    to_editors = [m for m in mailoutbox if m.to != ["schrijver@example.org"]]
    assert [(m.subject, m.to) for m in to_editors] == [
        ("Nieuw verhaal ingestuurd", ["baas@example.org", "redacteur@example.org"])
    ]


def test_submissions_are_visible_to_editors_in_the_admin(client, admin_client, stories):
    post(client, stories)
    listing = admin_client.get("/admin/ingestuurde-verhalen/")
    assert listing.status_code == 200
    submission = StorySubmission.objects.get()
    inspect = admin_client.get(f"/admin/ingestuurde-verhalen/inspect/{submission.pk}/")
    assert inspect.status_code == 200
    assert "schrijver@example.org" in inspect.content.decode()


def test_a_story_without_contact_details_opens_in_the_admin(client, admin_client, stories):
    post(client, stories, email="", phone="")
    submission = StorySubmission.objects.get()
    inspect = admin_client.get(f"/admin/ingestuurde-verhalen/inspect/{submission.pk}/")
    assert inspect.status_code == 200
    content = inspect.content.decode()
    assert "Contactgegevens" in content
    assert "Niet opgegeven" in content


def test_publishing_the_edited_story_leaves_no_version_with_the_text_as_sent_in(client, stories):
    post(client, stories)
    page = StorySubmission.objects.get().page.specific
    assert "De voedselbank helpt." in str(page.revisions.get().content)

    page.title = "Verhaal van een moeder"
    page.body = [("paragraph", RichText("<p>Een moeder vertelt over rondkomen.</p>"))]
    page.save_revision().publish()

    assert page.revisions.count() >= 2
    for revision in page.revisions.all():
        assert "voedselbank" not in str(revision.content)
        assert revision.object_str == "Verhaal van een moeder"

    labels = set(PageLogEntry.objects.filter(page=page).values_list("label", flat=True))
    assert labels == {"Verhaal van een moeder"}
    # The text as sent in stays only in the private submission, until it expires.
    assert "De voedselbank helpt." in StorySubmission.objects.get().story


def test_stories_published_before_the_change_are_scrubbed_by_a_migration(client, stories):
    post(client, stories)
    page = StorySubmission.objects.get().page.specific
    page.body = [("paragraph", RichText("<p>Een moeder vertelt.</p>"))]
    page_published.disconnect(forget_earlier_versions, sender=StoryPage)
    try:
        page.save_revision().publish()
    finally:
        page_published.connect(forget_earlier_versions, sender=StoryPage)
    assert any("voedselbank" in str(r.content) for r in page.revisions.all())

    migration = import_module("website.stories.migrations.0003_scrub_earlier_story_versions")
    migration.scrub_earlier_versions(apps, None)
    assert page.revisions.count() >= 2
    assert not any("voedselbank" in str(r.content) for r in page.revisions.all())


def test_editors_can_open_a_story_with_line_breaks(client, admin_client, stories):
    """Writers press Enter once as often as twice: the draft must open in the editor."""
    post(client, stories, story="Eerste regel\nTweede regel\n\nNieuwe alinea")
    page = StorySubmission.objects.get().page
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
