"""Personal data held by the stories app: submissions with contact details."""

from .models import StoryContact

NAME = "verhalen"


def export(email):
    return [
        {
            "soort": "verhaal",
            "verhaal": c.submission.story,
            "naam bij het verhaal": c.submission.shown_name,
            "gemeente": c.submission.place,
            "telefoon": c.phone,
            "toestemming website": c.submission.consent_website,
            "toestemming brieven": c.submission.consent_letters,
            "datum": c.submission.created_at.isoformat(),
        }
        for c in StoryContact.objects.filter(email__iexact=email).select_related("submission")
    ]


def erase(email):
    from .submissions import withdraw

    contacts = list(StoryContact.objects.filter(email__iexact=email).select_related("submission"))
    for contact in contacts:
        withdraw(contact.submission)
    return len(contacts)


def expire(before):
    deleted, _ = StoryContact.objects.filter(created_at__lt=before).delete()
    return deleted
