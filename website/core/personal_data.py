"""Personal data held by the core app: the outbox (mail to, copied or answerable to the
address; mail about a person's sign-up, story or message goes with that, in its own app)."""

from .email import mail_to

NAME = "core"


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
    return 0  # the outbox has its own retention (privacy.expire_personal_data)
