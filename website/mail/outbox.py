"""The one way the site sends e-mail: store the message, then let a task deliver it.

Two entry points, one path:
- our own code calls `queue_email(...)`;
- everything that uses Django's mail API (Wagtail's password resets and moderation
  notices, error reports) goes through `OutboxBackend`, the default mailer, which stores the
  message the same way.
The task delivers through the "delivery" mailer (SMTP in production).

Every stored mail can name what it is about (`regarding`: a sign-up, a story, a contact
message, a page). Erasing that thing erases its mails through `forget_mail_about`; mails are
never found by searching their text for an address or a link.
"""

import base64
import re
from collections import defaultdict
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from website.core.email_addresses import canonical_email
from website.core.models import SiteSettings

from .models import OutgoingEmail
from .rendering import render_mail
from .tasks import send_queued_email


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"

    def as_json(self):
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content_base64": base64.b64encode(self.content).decode("ascii"),
        }


def site_sender(site=None):
    """The From of the site's mails: DEFAULT_FROM_EMAIL with the network's name on `site` (the
    default site when None), "Sociale Alliantie <website@…>", so every mail says who sends
    it. DEFAULT_FROM_EMAIL as it is when it names a sender itself or no name is set."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    site = site or Site.objects.filter(is_default_site=True).first()
    network = SiteSettings.network_name(site) if site else ""
    if name or not network:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((network, address))


def queue_email(
    to,
    subject,
    body,
    *,
    regarding=None,
    reply_to=(),
    attachments=(),
    html_body="",
    cc=(),
    bcc=(),
    from_email="",
    headers=None,
):
    """Store an e-mail and schedule its delivery once the current transaction commits.

    `to`: one address or a list; `regarding`: the saved model instance the mail is about
    (erased with it), or None; `headers`: extra header lines {name: value}; `from_email`:
    site_sender() when empty or the bare DEFAULT_FROM_EMAIL (Wagtail's and Django's mails).
    Returns the stored OutgoingEmail. Callers never talk to the mail server themselves.
    """
    if not from_email or from_email == settings.DEFAULT_FROM_EMAIL:
        from_email = site_sender()

    recipients = [to] if isinstance(to, str) else list(to)
    regarding_type, regarding_id = _reference(regarding) if regarding is not None else (None, "")
    message = OutgoingEmail.objects.create(
        from_email=from_email,
        to=recipients,
        cc=list(cc),
        bcc=list(bcc),
        reply_to=list(reply_to),
        subject=" ".join(subject.split())[:255],
        body=body,
        html_body=html_body,
        attachments=[attachment.as_json() for attachment in attachments],
        headers=dict(headers or {}),
        regarding_type=regarding_type,
        regarding_id=regarding_id,
    )
    transaction.on_commit(lambda: send_queued_email.enqueue(message.pk))
    return message


def queue_templated_email(to, template, context, **options):
    """`queue_email` with subject, text and HTML from the templates `template` (a path
    without extension, e.g. "agenda/mail/confirmation"; see `website.mail.rendering`).
    `options`: those of queue_email (regarding, attachments, reply_to, …)."""
    mail = render_mail(template, context)
    return queue_email(to, mail.subject, mail.text, html_body=mail.html, **options)


def try_again(message):
    """Put a failed mail back in the queue with a fresh set of attempts (an editor fixed
    the address or the mail server is back). Does nothing to a mail that is not failed.
    Returns True when it was queued again."""
    updated = OutgoingEmail.objects.filter(
        pk=message.pk, status=OutgoingEmail.Status.FAILED
    ).update(status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=None)
    if updated:
        transaction.on_commit(lambda: send_queued_email.enqueue(message.pk))
    return bool(updated)


def _reference(obj):
    """(content type, primary key as text) of a saved instance; every page type counts as
    a Page, so a page found by its id alone (in Wagtail's own mails) is the same reference."""
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model), str(obj.pk)


def mail_about(*objects):
    """The stored mails about any of `objects` (saved model instances), as a queryset."""
    ids_by_type = defaultdict(list)
    for obj in objects:
        if obj is not None and obj.pk is not None:
            regarding_type, regarding_id = _reference(obj)
            ids_by_type[regarding_type].append(regarding_id)
    matches = models.Q(pk__in=[])
    for regarding_type, ids in ids_by_type.items():
        matches |= models.Q(regarding_type=regarding_type, regarding_id__in=ids)
    return OutgoingEmail.objects.filter(matches)


def forget_mail_about(*objects):
    """Delete the stored mails about any of `objects`. Returns the number deleted."""
    return mail_about(*objects).delete()[0]


def mail_to(address):
    """The stored mails sent, copied or answerable to exactly `address` (capitals and
    surrounding spaces aside; "an@example.org" never matches "jan@example.org")."""
    address = canonical_email(address)

    def addressed(message):
        parties = [*message.to, *message.cc, *message.bcc, *message.reply_to]
        return address in {canonical_email(party) for party in parties}

    fields = ("pk", "to", "cc", "bcc", "reply_to")
    # JSON lists cannot be matched exactly in SQL on SQLite: the outbox only holds the
    # last month's mail, so reading its address columns is cheap.
    return OutgoingEmail.objects.filter(
        pk__in=[m.pk for m in OutgoingEmail.objects.only(*fields) if addressed(m)]
    )


class OutboxBackend(BaseEmailBackend):
    """Django mail backend that puts messages in the outbox instead of sending them."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue_email(
                message.to,
                str(message.subject),
                tidy_text(message.body),
                regarding=_page_in_admin_link(message.body),
                from_email=message.from_email or "",
                cc=message.cc,
                bcc=message.bcc,
                reply_to=message.reply_to,
                html_body=_html_alternative(message),
                attachments=[_attachment(item) for item in message.attachments],
            )
        return len(email_messages)


def tidy_text(body):
    """A mail text from someone else's template (Wagtail's) without the blank lines its
    template tags leave: none at the start, at most one between paragraphs."""
    return re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", body).strip() + "\n"


def _page_in_admin_link(body):
    """The page a Wagtail notice (moderation, comments) is about: the first admin link to a
    page in its text, or None."""
    try:
        pages_path = reverse("wagtailadmin_explore_root")
    except NoReverseMatch:
        return None
    match = re.search(re.escape(pages_path) + r"(\d+)/", body)
    if match is None:
        return None
    return Page.objects.filter(pk=int(match[1])).only("pk").first()


def _html_alternative(message):
    for alternative in getattr(message, "alternatives", []):
        content, mimetype = alternative[0], alternative[1]
        if mimetype == "text/html":
            return content
    return ""


def _attachment(item):
    filename, content, mimetype = item[0], item[1], item[2]
    if isinstance(content, str):
        content = content.encode()
    return Attachment(filename or "bijlage", content, mimetype or "application/octet-stream")
