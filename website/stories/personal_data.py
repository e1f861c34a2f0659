"""Personal data held by the stories app: submissions with contact details."""

from website.core.email_addresses import email_q

from .models import StoryContact, StorySubmission
from .submissions import withdraw

NAME = "verhalen"


def export(email):
    return [
        {
            "soort": "verhaal",
            "e-mailadres": c.email,
            "verhaal": c.submission.story,
            "naam bij het verhaal": c.submission.shown_name,
            "gemeente": c.submission.place,
            "telefoon": c.phone,
            "toestemming website": c.submission.consent_website,
            "toestemming brieven": c.submission.consent_letters,
            "versie toestemmingstekst": c.submission.consent_version,
            "toestemming gegeven op": c.submission.consented_at.isoformat(),
            "op de website": bool(c.submission.page and c.submission.page.live),
            "datum": c.submission.created_at.isoformat(),
        }
        for c in StoryContact.objects.filter(email_q("email", email)).select_related("submission")
    ]


def erase(email):
    contacts = list(
        StoryContact.objects.filter(email_q("email", email)).select_related("submission")
    )
    for contact in contacts:
        withdraw(contact.submission)
    return len(contacts)


def expire(before):
    """Contact details after the retention period; the raw text as sent in too (the page
    holds the edited story; the consents stay as proof)."""

    deleted, _ = StoryContact.objects.filter(created_at__lt=before).delete()
    StorySubmission.objects.filter(created_at__lt=before).exclude(story="").update(
        story="", shown_name="", place=""
    )
    return deleted
