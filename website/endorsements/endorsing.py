"""Endorsing, confirming and withdrawing: the double opt-in of the newsletter
(`newsletter.subscriptions`) with the same core pieces: a private token per link
(`core.private_links`, only its hash stored), the outbox, one answer for every address
(new, waiting or confirmed: the form reveals nothing), no second mail within
ENDORSEMENT_RESEND_MINUTES, and unconfirmed endorsements erased after
ENDORSEMENT_CONFIRM_DAYS."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from website.core.email_addresses import canonical_email, email_q
from website.core.private_links import find, new_token, personal_link
from website.mail.outbox import forget_mail_about, queue_templated_email

from .models import Endorsement


def endorse(page, *, name, email, organisation="", place="", show_name=True, via=None):
    """Store a waiting endorsement of `page` (the original-language page) and mail the
    confirmation link: the title and links of `via`, the page the visitor used (a
    translation of `page`; default `page`), rendered in the active language.

    For an address that endorsed it before: a waiting one takes the details typed now (its
    confirmation page shows them, so the address's owner confirms what is stored); a
    confirmed one stays as it is (a stranger typing someone's address must not change their
    name) and its owner gets a mail with a new withdrawal link, to change it by withdrawing
    and endorsing again. At most one mail per address and page within
    ENDORSEMENT_RESEND_MINUTES. Returns the Endorsement."""
    email = canonical_email(email)
    shown = via or page
    now = timezone.now()
    details = {"name": name, "organisation": organisation, "place": place, "show_name": show_name}
    with transaction.atomic():
        endorsement = (
            Endorsement.objects.select_for_update()
            .filter(email_q("email", email), page=page)
            .first()
        )
        if endorsement is None:
            try:
                with transaction.atomic():
                    endorsement = Endorsement.objects.create(page=page, email=email, **details)
            except IntegrityError:  # the same address at the same moment: the first stands
                return Endorsement.objects.get(page=page, email=email)
        elif endorsement.status == Endorsement.Status.WAITING:
            for field, value in details.items():
                setattr(endorsement, field, value)
            endorsement.save()
        resend_after = now - datetime.timedelta(minutes=settings.ENDORSEMENT_RESEND_MINUTES)
        if endorsement.confirmation_sent_at and endorsement.confirmation_sent_at > resend_after:
            return endorsement
        endorsement.confirmation_sent_at = now
        if endorsement.status == Endorsement.Status.CONFIRMED:
            token, endorsement.withdraw_token_hash = new_token()
            endorsement.save()
            mail, context = (
                "endorsements/mail/already",
                {"withdraw_link": personal_link(shown, "endorse_withdraw", token)},
            )
        else:
            token, endorsement.confirm_token_hash = new_token()
            endorsement.save()
            mail, context = (
                "endorsements/mail/confirm",
                {
                    "link": personal_link(shown, "endorse_confirm", token),
                    "days": settings.ENDORSEMENT_CONFIRM_DAYS,
                },
            )
        queue_templated_email(email, mail, {"page": shown, **context}, regarding=endorsement)
    return endorsement


def find_to_confirm(page, token):
    return find(Endorsement.objects.filter(page=page), token, fields=("confirm_token_hash",))


def confirm(endorsement, via=None):
    """Count it from now on; mail the withdrawal link (a token of its own) with the title
    and links of `via`, the page whose link was followed (default the endorsed page).
    Confirming again through the same link changes nothing."""
    with transaction.atomic():
        endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
        if endorsement.status == Endorsement.Status.CONFIRMED:
            return endorsement
        token, endorsement.withdraw_token_hash = new_token()
        endorsement.status = Endorsement.Status.CONFIRMED
        endorsement.confirmed_at = timezone.now()
        endorsement.save()
        page = via or endorsement.page.specific
        queue_templated_email(
            endorsement.email,
            "endorsements/mail/confirmed",
            {
                "page": page,
                "endorsement": endorsement,
                "withdraw_link": personal_link(page, "endorse_withdraw", token),
            },
            regarding=endorsement,
        )
    return endorsement


def find_to_withdraw(page, token):
    return find(Endorsement.objects.filter(page=page), token, fields=("withdraw_token_hash",))


def withdraw(endorsement):
    """Erase the endorsement and the mails about it (they carry its links)."""
    forget_mail_about(endorsement)
    endorsement.delete()


def delete_unconfirmed(now=None):
    """Erase endorsements never confirmed within ENDORSEMENT_CONFIRM_DAYS of their last
    confirmation mail; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ENDORSEMENT_CONFIRM_DAYS)
    stale = list(
        Endorsement.objects.filter(
            status=Endorsement.Status.WAITING, confirmation_sent_at__lt=cutoff
        )
    )
    forget_mail_about(*stale)
    return Endorsement.objects.filter(pk__in=[e.pk for e in stale]).delete()[0]
