"""Personal data held by the general pages: messages sent through the contact form."""

from website.core.email_addresses import canonical_email
from website.mail.outbox import forget_mail_about

from .models import ContactMessage

NAME = "contactformulier"


def _messages(email):
    """Messages whose sender address is exactly `email`, or that hold it exactly as the
    value of a field (capitals and surrounding spaces aside): never a part of an address."""
    return [
        m
        for m in ContactMessage.objects.all()
        if canonical_email(m.sender_email) == email
        or any(isinstance(v, str) and canonical_email(v) == email for v in m.form_data.values())
    ]


def export(email):
    return [
        {
            "soort": "contactbericht",
            "gegevens": m.form_data,
            "datum": m.submit_time.isoformat(),
        }
        for m in _messages(email)
    ]


def erase(email):
    messages = _messages(email)
    forget_mail_about(*messages)  # the notices to the editors quote the message
    for message in messages:
        message.delete()
    return len(messages)


def expire(before):
    old = list(ContactMessage.objects.filter(submit_time__lt=before).only("pk"))
    forget_mail_about(*old)
    return ContactMessage.objects.filter(pk__in=[m.pk for m in old]).delete()[0]
