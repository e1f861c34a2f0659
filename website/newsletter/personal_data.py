"""Personal data held by the newsletter: the subscriber's address, name and consent."""

from website.core.email_addresses import email_q

from .models import Delivery, Subscriber
from .subscriptions import delete_unconfirmed, forget_mail_about

NAME = "nieuwsbrief"


def export(email):
    return [
        {
            "soort": "nieuwsbrief",
            "e-mailadres": s.email,
            "naam": s.name,
            "status": s.get_status_display(),
            "aangemeld op": s.created_at.isoformat(),
            "toestemming gegeven op": s.consented_at.isoformat() if s.consented_at else "",
            "versie toestemmingstekst": s.consent_version,
            "ontvangen nieuwsbrieven": [
                {"nieuwsbrief": d.newsletter.title, "verstuurd": d.queued_at.isoformat()}
                for d in Delivery.objects.filter(subscriber=s, queued_at__isnull=False)
                .select_related("newsletter")
                .order_by("queued_at")
            ],
        }
        for s in Subscriber.objects.filter(email_q("email", email))
    ]


def erase(email):
    """The subscriber, the mails about them and (cascade) their delivery records."""
    count = 0
    for subscriber in Subscriber.objects.filter(email_q("email", email)):
        forget_mail_about(subscriber)
        subscriber.delete()
        count += 1
    return count


def expire(before):
    # Confirmed subscribers stay until they leave; unconfirmed ones go after
    # NEWSLETTER_CONFIRM_DAYS, sooner than `before`.
    return delete_unconfirmed()
