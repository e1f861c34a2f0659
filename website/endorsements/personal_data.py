"""Personal data held by endorsements: name, organisation, place and address. Confirmed
endorsements are kept until withdrawn (a personal link in the confirmation mail) or erased
on request; waiting ones are erased after ENDORSEMENT_CONFIRM_DAYS."""

from website.core.email_addresses import email_q
from website.mail.outbox import forget_mail_about

from .endorsing import delete_unconfirmed
from .models import Endorsement

NAME = "steunbetuigingen"


def export(email):
    return [
        {
            "soort": "steunbetuiging",
            "pagina": e.page.title,
            "naam": e.name,
            "organisatie": e.organisation,
            "woonplaats": e.place,
            "naam tonen": e.show_name,
            "stand": e.get_status_display(),
            "ingevuld op": e.created_at.isoformat(),
            "bevestigd op": e.confirmed_at.isoformat() if e.confirmed_at else "",
        }
        for e in Endorsement.objects.filter(email_q("email", email)).select_related("page")
    ]


def erase(email):
    endorsements = list(Endorsement.objects.filter(email_q("email", email)))
    forget_mail_about(*endorsements)
    return Endorsement.objects.filter(pk__in=[e.pk for e in endorsements]).delete()[0]


def expire(before):
    return delete_unconfirmed()
