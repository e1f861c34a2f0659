"""Personal data held by the agenda: sign-ups."""

from website.core.email_addresses import email_q
from website.mail.outbox import forget_mail_about

from .models import Registration

NAME = "agenda"


def export(email):
    return [
        {
            "soort": "aanmelding",
            "activiteit": r.event_title,
            "wanneer": r.event_when,
            "naam": r.name,
            "organisatie": r.organisation,
            "toegankelijkheid": r.access_needs,
            "toestemming voor toegankelijkheid en eten gegeven op": (
                r.needs_consented_at.isoformat() if r.needs_consented_at else ""
            ),
            "eten en drinken": r.dietary_wishes,
            "status": r.get_status_display(),
            "datum": r.created_at.isoformat(),
        }
        for r in Registration.objects.filter(email_q("email", email))
    ]


def erase(email):
    # Deleting frees the seats: the post_delete signal moves the waiting list up.
    registrations = list(Registration.objects.filter(email_q("email", email)))
    forget_mail_about(*registrations)  # confirmations, move-up notices
    for registration in registrations:
        registration.delete()
    return len(registrations)


def expire(before):
    return 0  # sign-ups have their own clean-up, after the event (delete_old_registrations)
