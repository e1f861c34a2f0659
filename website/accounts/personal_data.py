"""Personal data held by the accounts app: the record of sign-ins (names typed, addresses,
browsers) and unlock links."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from website.core.email_addresses import email_q

from .lockout import UNLOCK_LINK_HOURS
from .models import SignInEvent, UnlockLink

NAME = "accounts"


def _events(email):
    return SignInEvent.objects.filter(email_q("username", email) | email_q("user__email", email))


def export(email):
    return [
        {
            "soort": "inlogpoging",
            "wat": event.get_kind_display(),
            "wanneer": event.at.isoformat(),
            "gebruikersnaam": event.username,
            "internetadres": event.address,
            "browser": event.browser,
        }
        for event in _events(email)
    ]


def erase(email):
    links = UnlockLink.objects.filter(email_q("user__email", email)).delete()[0]
    return _events(email).delete()[0] + links


def expire(before):
    """The record of sign-ins after SIGN_IN_RECORD_DAYS (the privacy statement's period,
    shorter than the site's), used or expired unlock links after a day; `before` (the
    site's period) if it is shorter still. Returns the number deleted."""
    own = timezone.now() - timedelta(days=settings.SIGN_IN_RECORD_DAYS)
    events = SignInEvent.objects.filter(at__lt=max(own, before)).delete()[0]
    links_before = timezone.now() - timedelta(hours=UNLOCK_LINK_HOURS)
    links = UnlockLink.objects.filter(created_at__lt=links_before).delete()[0]
    return events + links
