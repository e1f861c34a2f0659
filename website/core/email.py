"""The one way the site sends e-mail: store the message, then let a task deliver it."""

import base64
from dataclasses import dataclass

from django.db import transaction


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


def queue_email(to, subject, body, *, reply_to=(), attachments=()):
    """Store an e-mail and schedule its delivery once the current transaction commits.

    Returns the stored OutgoingEmail. Callers never talk to the mail server themselves.
    """
    from .models import OutgoingEmail
    from .tasks import send_queued_email

    recipients = [to] if isinstance(to, str) else list(to)
    message = OutgoingEmail.objects.create(
        to=recipients,
        reply_to=list(reply_to),
        subject=" ".join(subject.split())[:255],
        body=body,
        attachments=[attachment.as_json() for attachment in attachments],
    )
    transaction.on_commit(lambda: send_queued_email.enqueue(message.pk))
    return message
