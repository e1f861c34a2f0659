"""The one way the site sends e-mail: store the message, then let a task deliver it.

Two entry points, one path:
- our own code calls `queue_email(...)`;
- everything that uses Django's mail API (Wagtail's password resets and moderation
  notices, error reports) goes through `OutboxBackend`, the default mailer, which stores the
  message the same way.
The task delivers through the "delivery" mailer (SMTP in production).
"""

import base64
from dataclasses import dataclass

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .models import OutgoingEmail
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


def queue_email(
    to, subject, body, *, reply_to=(), attachments=(), html_body="", cc=(), bcc=(), from_email=""
):
    """Store an e-mail and schedule its delivery once the current transaction commits.

    Returns the stored OutgoingEmail. Callers never talk to the mail server themselves.
    """

    recipients = [to] if isinstance(to, str) else list(to)
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
    )
    transaction.on_commit(lambda: send_queued_email.enqueue(message.pk))
    return message


class OutboxBackend(BaseEmailBackend):
    """Django mail backend that puts messages in the outbox instead of sending them."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue_email(
                message.to,
                str(message.subject),
                message.body,
                from_email=message.from_email or "",
                cc=message.cc,
                bcc=message.bcc,
                reply_to=message.reply_to,
                html_body=_html_alternative(message),
                attachments=[_attachment(item) for item in message.attachments],
            )
        return len(email_messages)


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
