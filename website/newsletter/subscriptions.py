"""Double opt-in: subscribing, confirming, leaving. The visitor always gets the same answer,
whether an address is new, waiting or already subscribed, so the form reveals nothing."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from website.core.addresses import site_address
from website.core.email_addresses import canonical_email
from website.core.models import SiteSettings
from website.core.private_links import find, new_token
from website.mail.outbox import forget_mail_about, queue_templated_email, site_sender

from .models import CONSENT_VERSION, Subscriber, Suppression, address_hash

UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def subscribe(email, name, site, status=Subscriber.Status.PENDING):
    """Start the double opt-in for `email` (a str) on `site` (a Wagtail Site): store the
    address as waiting and mail a confirmation link. Nothing is sent for an address that is
    already subscribed, nor a second mail within NEWSLETTER_RESEND_MINUTES. `status` INVITED
    marks an imported address. Returns the Subscriber."""
    email = canonical_email(email)
    now = timezone.now()
    resend_after = now - datetime.timedelta(minutes=settings.NEWSLETTER_RESEND_MINUTES)
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"name": name, "status": status}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        if not created and (subscriber.confirmation_sent_at or now) > resend_after:
            return subscriber
        token, token_hash = new_token()
        subscriber.name = name or subscriber.name
        subscriber.confirm_token_hash = token_hash
        subscriber.consent_version = CONSENT_VERSION
        subscriber.confirmation_sent_at = now
        subscriber.save()
        link = site_address(site, reverse("newsletter:confirm", args=[token]))
        sender = SiteSettings.network_name(site) or "ons"
        queue_templated_email(
            email,
            "newsletter/mail/confirm",
            confirmation_context(
                sender, link, site, invited=subscriber.status == Subscriber.Status.INVITED
            ),
            regarding=subscriber,
            from_email=site_sender(site),
        )
    return subscriber


def confirmation_context(sender, link, site, invited=False):
    """What the mail "newsletter/mail/confirm" needs. The name a visitor typed is left out:
    the form must not let anyone put words of their own in a mail from the site."""
    return {
        "sender": sender,
        "link": link,
        "invited": invited,
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
        "site_url": site_address(site),
    }


def subscriber_for_confirm(token):
    """The subscriber the confirmation link with `token` was sent to (waiting, or already
    confirmed through it), or None."""
    return find(Subscriber.objects.all(), token, fields=("confirm_token_hash",))


def confirm(subscriber, site):
    """Confirmed: from now on the address receives newsletters. Consent is recorded with
    its time and the version of the text that was shown. The link keeps its hash, so that
    following it again says "you are subscribed" rather than "this link is broken". A short
    mail says so, with the way to leave before the first newsletter arrives."""
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.consented_at = timezone.now()
    subscriber.save()
    Suppression.objects.filter(email_hash=address_hash(subscriber.email)).delete()
    queue_templated_email(
        subscriber.email,
        "newsletter/mail/welcome",
        {
            "sender": SiteSettings.network_name(site) or "ons",
            "unsubscribe_url": unsubscribe_link(subscriber, site),
            "site_url": site_address(site),
        },
        regarding=subscriber,
        from_email=site_sender(site),
    )


def unsubscribe_token(subscriber):
    """The token in a subscriber's unsubscribe link: the id, signed with SECRET_KEY."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


def unsubscribe_link(subscriber, site):
    return site_address(
        site, reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
    )


def subscriber_for_unsubscribe(token):
    """The subscriber an unsubscribe token was made for, or None (left already, or not a
    token of ours)."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=pk).first()


def unsubscribe(subscriber):
    """Erase the address and the mails about it; keep only its hash, so an import cannot
    put it back."""
    Suppression.objects.get_or_create(email_hash=address_hash(subscriber.email))
    forget_mail_about(subscriber)
    subscriber.delete()


def is_suppressed(email):
    return Suppression.objects.filter(email_hash=address_hash(email)).exists()


def delete_unconfirmed(now=None):
    """Erase sign-ups never confirmed within NEWSLETTER_CONFIRM_DAYS; how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    # Counted from the last confirmation mail: its link promises so many days.
    stale = list(
        Subscriber.objects.exclude(status=Subscriber.Status.CONFIRMED).filter(
            Q(confirmation_sent_at__lt=cutoff)
            | Q(confirmation_sent_at__isnull=True, created_at__lt=cutoff)
        )
    )
    for subscriber in stale:
        forget_mail_about(subscriber)
        subscriber.delete()
    return len(stale)
