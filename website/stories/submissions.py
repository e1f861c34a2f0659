"""Turning a story someone shares into a draft in moderation, and withdrawing it."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.models import PageLogEntry, Workflow

from website.core.addresses import page_address, site_address
from website.core.languages import language_in_dutch
from website.core.private_links import find, new_token, personal_link
from website.mail.outbox import forget_mail_about, queue_templated_email
from website.mail.recipients import editor_recipients

from .models import CONSENT_VERSION, StoryContact, StoryPage, StorySubmission, draft_title


def submit_story(index_page, data, site=None):
    """Store the submission (and contact details apart), create a draft story page and
    start its moderation. Returns (submission, withdrawal token or None).

    `index_page` is the stories page the form was on, in any language: the submission keeps
    the active language (the writer's mails are in it), the draft goes below the original
    (Dutch) stories page, where the editors review every story."""
    site = site or index_page.get_site()
    language = get_language()
    token, token_hash = new_token() if data.get("email") else (None, "")
    shown_name = data["shown_name"].strip() if data["name_choice"] != "anoniem" else "anoniem"
    with transaction.atomic():
        submission = StorySubmission.objects.create(
            story=data["story"],
            name_choice=data["name_choice"],
            shown_name=shown_name,
            place=data.get("place", ""),
            show_place=data.get("show_place", False),
            consent_website=data["consent_website"],
            consent_letters=data.get("consent_letters", False),
            consent_version=CONSENT_VERSION,
            consented_at=timezone.now(),
            token_hash=token_hash,
            language=language,
        )
        if data.get("email") or data.get("phone"):
            StoryContact.objects.create(
                submission=submission, email=data.get("email", ""), phone=data.get("phone", "")
            )
        page = create_draft(index_page.original(), submission)
        submission.page = page
        submission.save(update_fields=["page"])
        notify_editors(submission, site, reply_to=data.get("email", ""))
        if token:
            send_confirmation(submission, data["email"], index_page, token)
    return submission, token


def create_draft(index_page, submission):
    paragraphs = [p.strip() for p in submission.story.split("\n\n") if p.strip()]
    body = [
        # "<br/>", as Wagtail's rich text editor writes it: it cannot open "<br>".
        {"type": "paragraph", "value": "<p>" + escape(p).replace("\n", "<br/>") + "</p>"}
        for p in paragraphs
    ]
    page = StoryPage(
        title=draft_title(submission.shown_name, submission.story),
        date=timezone.localdate(),
        shown_name=submission.shown_name,
        place=submission.place if submission.show_place else "",
        body=body,
        live=False,
    )
    index_page.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    workflow = page.get_workflow() or Workflow.objects.filter(active=True).first()
    if workflow is not None:
        workflow.start(page, user=None)
    del revision
    return page


def notify_editors(submission, site, reply_to=""):
    """Tell the editors a story came in. Reply-To is the storyteller's address when they
    gave one (checked by the form's e-mail field), so "Beantwoorden" reaches them."""
    recipients = editor_recipients(site)
    if not recipients:
        return
    admin_url = site_address(site, reverse("wagtailadmin_pages:edit", args=[submission.page_id]))
    with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
        queue_templated_email(
            recipients,
            "stories/mail/new_story",
            {"admin_url": admin_url, "language": language_in_dutch(submission.language)},
            regarding=submission,
            reply_to=[reply_to] if reply_to else [],
        )


def withdraw_url(index_page, token):
    return personal_link(index_page, "withdraw", token)


def send_confirmation(submission, email, index_page, token):
    with translation.override(submission.language):
        queue_templated_email(
            email,
            "stories/mail/received",
            {"withdraw_url": withdraw_url(index_page, token)},
            regarding=submission,
        )


def tell_writer_it_is_published(submission, page):
    """Mail the writer once, when their story first goes live: its address and a withdrawal
    link. Only tokens' hashes are stored, so the first mail's link cannot be repeated: this
    mail gets a new token of its own and both links work. No e-mail address, or already told:
    nothing happens."""
    contact = getattr(submission, "contact", None)
    if submission.published_notice_at or contact is None or not contact.email:
        return
    token, submission.notice_token_hash = new_token()
    submission.published_notice_at = timezone.now()
    submission.save(update_fields=["notice_token_hash", "published_notice_at"])
    with translation.override(submission.language):
        # The withdrawal page in the language they wrote in, where the site has it live.
        index_page = page.get_parent().specific.localized
        queue_templated_email(
            contact.email,
            "stories/mail/published",
            {"page_url": page_address(page), "withdraw_url": withdraw_url(index_page, token)},
            regarding=submission,
        )


def find_by_token(token):
    submissions = StorySubmission.objects.select_related("page")
    return find(submissions, token, fields=("token_hash", "notice_token_hash"))


def withdraw_by_writer(submission):
    """The writer's own withdrawal link: `withdraw`, then tell the editors, so a link in an
    earlier mail about the story that now leads nowhere is explained. The notice says only
    when the story came in: everything else about it is gone."""
    received_at = submission.created_at
    was_online = submission.page is not None and submission.page.live
    site = submission.page.get_site() if submission.page is not None else None
    withdraw(submission)
    recipients = editor_recipients(site)
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
            queue_templated_email(
                recipients,
                "stories/mail/withdrawn",
                {"received_at": received_at, "was_online": was_online},
            )


def withdraw(submission):
    """Take the story offline for good: the page (with all its versions and history), the
    submission, the contact details, and the stored e-mails about the story (the receipt
    and the "online" mail carry a withdrawal link; Wagtail's notices name the page)."""

    with transaction.atomic():
        page = submission.page
        forget_mail_about(submission, page)
        submission.delete()  # contact details go with it (cascade)
        if page is not None:
            # The history ("Verhaal van Jan" created, published ...) goes too: nothing of
            # the story may stay behind.
            page_id = page.pk
            page.delete()
            PageLogEntry.objects.filter(page_id=page_id).delete()
