"""Personal data held by the core app: the outbox and contact-form submissions."""

from wagtail.contrib.forms.models import FormSubmission

from .models import OutgoingEmail

NAME = "core"


def _matching_mail(email):
    """Mail to, copied to, answered to, or mentioning the address (e.g. a contact message)."""

    def mentions(message):
        addresses = [*message.to, *message.cc, *message.bcc, *message.reply_to]
        return email in [a.lower() for a in addresses] or email in message.body.lower()

    return [m for m in OutgoingEmail.objects.all() if mentions(m)]


def _matching_submissions(email):
    return [
        s
        for s in FormSubmission.objects.all()
        if any(isinstance(v, str) and v.strip().lower() == email for v in s.form_data.values())
    ]


def export(email):
    mails = [
        {
            "soort": "e-mail",
            "onderwerp": m.subject,
            "tekst": m.body,
            "datum": m.created_at.isoformat(),
        }
        for m in _matching_mail(email)
    ]
    forms = [
        {"soort": "contactformulier", "gegevens": s.form_data, "datum": s.submit_time.isoformat()}
        for s in _matching_submissions(email)
    ]
    return mails + forms


def erase(email):
    count = 0
    for obj in [*_matching_mail(email), *_matching_submissions(email)]:
        obj.delete()
        count += 1
    return count


def expire(before):
    deleted, _ = FormSubmission.objects.filter(submit_time__lt=before).delete()
    return deleted
