"""Personal data held by the mail app: the outbox (mail to, copied or answerable to the
address; mail about a person's sign-up, story or message goes with that, in its own app)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import OutgoingEmail
from .outbox import mail_to

NAME = "outbox"


def export(email):
    return [
        {
            "soort": "e-mail",
            "aan": ", ".join(m.to),
            "onderwerp": m.subject,
            "tekst": m.body,
            "datum": m.created_at.isoformat(),
        }
        for m in mail_to(email)
    ]


def erase(email):
    return mail_to(email).delete()[0]


def expire(before):
    """Sent and failed mail after EMAIL_RETENTION_DAYS (a month: mails repeat personal
    data); mail still waiting after `before`, the full retention period (the mail server
    never came back). Returns the number deleted."""
    sent_before = timezone.now() - timedelta(days=settings.EMAIL_RETENTION_DAYS)
    old_mail = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED],
        created_at__lt=sent_before,
    )
    stuck_mail = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, created_at__lt=before
    )
    return old_mail.delete()[0] + stuck_mail.delete()[0]
