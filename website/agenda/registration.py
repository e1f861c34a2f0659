"""Signing up, cancelling, moving up from the waiting list and reminders, safe under
concurrency."""

import copy
import datetime
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language

from website.core.addresses import site_address
from website.core.email_addresses import email_q
from website.core.private_links import find, new_token, personal_link
from website.mail.outbox import Attachment, forget_mail_about, queue_templated_email
from website.mail.recipients import editor_recipients

from .choices import EventStatus
from .ical import MAIL_CALENDAR_TYPE, calendar_bytes
from .models import EventDate, Registration


def register(
    event_date,
    *,
    name,
    email,
    organisation="",
    access_needs="",
    dietary_wishes="",
    needs_consent=False,
):
    """Store a sign-up as confirmed, or on the waiting list when the date is full.

    The date's row is locked while counting, so two people taking the last seat at the
    same moment get one seat and one waiting-list place (PostgreSQL: SELECT ... FOR
    UPDATE; SQLite: transactions take the write lock at their start).
    Access needs and dietary wishes (possibly health or religion: AVG art. 9) are kept only
    with `needs_consent`; its time is stored as proof.
    The same e-mail address signs up once per date (a double click, or a second try): the
    first sign-up stands and is returned with token None; nothing is stored again, and the
    address gets one mail saying so (with a new cancel link, the calendar file and the
    meeting link: someone who lost the first mail gets them back), at most one an hour.
    The sign-up keeps the active language (the page's): the person's mails are in it.
    Returns (registration, private token for the cancel link, or None for a repeat).
    """
    access_needs, dietary_wishes = access_needs.strip(), dietary_wishes.strip()
    if not needs_consent:
        access_needs = dietary_wishes = ""
    token, token_hash = new_token()
    with transaction.atomic():
        locked = EventDate.objects.select_for_update().select_related("page").get(pk=event_date.pk)
        earlier = active_registration(locked, email)
        if earlier is not None:
            tell_already_signed_up(earlier, locked)
            return earlier, None
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        full = locked.capacity is not None and confirmed >= locked.capacity
        registration = Registration.objects.create(
            event_date=locked,
            event_title=locked.page.title,
            event_when=in_original_language(locked),
            language=get_language(),
            event_last_day=locked.last_day,
            name=name,
            email=email,
            organisation=organisation,
            access_needs=access_needs,
            needs_consented_at=timezone.now() if (access_needs or dietary_wishes) else None,
            dietary_wishes=dietary_wishes,
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            token_hash=token_hash,
        )
        send_confirmation(registration, locked, token)
        notify_editors(registration, locked)
    return registration, token


def in_original_language(event_date):
    """When `event_date` is, in the editors' language: what a sign-up keeps for the admin."""
    with translation.override(settings.LANGUAGE_CODE):
        return event_date.when_text


@contextmanager
def speaking_to(registration, event_date):
    """Write to the person of `registration` in the language they signed up in: within
    it, yields a copy of `event_date` shown with the event's page in that language (the
    original where it has none), for titles, links and the calendar file."""
    with translation.override(registration.language):
        shown = copy.copy(event_date)
        shown.shown_page = event_date.page.localized  # live, in that language, or the page
        yield shown


def active_registration(event_date, email):
    """The sign-up (confirmed or waiting) of this e-mail address for this date, if any.
    Addresses compare as one mailbox (core.email_addresses: capitals, spaces, a domain in
    Unicode or punycode)."""
    registrations = event_date.registrations.exclude(status=Registration.Status.CANCELLED)
    return registrations.filter(email_q("email", email)).first()


def find_by_token(token):
    registrations = Registration.objects.select_related("event_date", "event_date__page")
    active = registrations.exclude(status=Registration.Status.CANCELLED)
    return find(active, token, fields=("token_hash", "notice_token_hash"))


def cancel(registration):
    """Cancel a sign-up, wipe the personal data (and the stored e-mails about it, which
    carry the private link), and move the first person on the waiting list up when a seat came
    free. Returns the promoted registration, if any."""
    with transaction.atomic():
        event_date = None
        if registration.event_date_id:
            event_date = EventDate.objects.select_for_update().get(pk=registration.event_date_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        freed_seat = registration.status == Registration.Status.CONFIRMED
        # The confirmation and a move-up mail each carried a cancel link.
        forget_mail_about(registration)
        wipe(registration, "(afgemeld)")
        promoted = None
        if freed_seat and event_date is not None:
            promoted = promote_first_waiting(event_date)
        if event_date is not None:
            notify_editors_of_cancellation(registration, event_date, promoted)
    return promoted


def wipe(registration, shown_name):
    """Mark `registration` cancelled and erase its personal data, `shown_name` in place of
    the name ("(afgemeld)"). Its date is left as stored (a deleted date's is empty)."""
    erased = {
        "status": Registration.Status.CANCELLED,
        "cancelled_at": timezone.now(),
        "name": shown_name,
        "email": "afgemeld@invalid",
        "organisation": "",
        "access_needs": "",
        "dietary_wishes": "",
        "needs_consented_at": None,
    }
    # An update, not save(): a deleted date's sign-up still holds the deleted object.
    Registration.objects.filter(pk=registration.pk).update(**erased)
    for field, value in erased.items():
        setattr(registration, field, value)


def fill_free_seats(event_date):
    """Move people up from the waiting list while seats are free (after a cancellation,
    a deletion in the admin, or a larger capacity). Returns those promoted."""
    promoted = []
    with transaction.atomic():
        event_date = (
            EventDate.objects.select_for_update().select_related("page").get(pk=event_date.pk)
        )
        while (registration := promote_first_waiting(event_date)) is not None:
            promoted.append(registration)
    return promoted


def promote_first_waiting(event_date):
    if not event_date.accepts_signups:
        return None  # no "a seat is free" mail for a cancelled or past date
    waiting = (
        event_date.registrations.filter(status=Registration.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    confirmed = event_date.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event_date.capacity is not None and confirmed >= event_date.capacity:
        return None
    # The first mail's token is only known to its reader (its hash is stored): the move-up
    # mail carries a new link of its own, and both work.
    token, waiting.notice_token_hash = new_token()
    waiting.status = Registration.Status.CONFIRMED
    waiting.promoted_at = timezone.now()
    waiting.save(update_fields=["status", "promoted_at", "notice_token_hash"])
    send_promotion_notice(waiting, event_date, token)
    return waiting


# --- E-mails (stored in the outbox, sent by the task worker) --------------------------


def cancel_url(event_date, token):
    """The private cancel link: a route of the agenda the event is in, in the active
    language where the agenda has it."""
    return personal_link(event_date.page.get_parent().specific.localized, "cancel", token)


def calendar_attachment(event_date):
    """[Attachment] of the date's calendar item to add (none for a vague date), for the
    confirmation, move-up, reminder and change mails to people with a place: with the
    meeting link of an online date."""
    if not event_date.has_exact_date:
        return []
    page = event_date.shown_page
    content = calendar_bytes([event_date], page.title, subscription=False, private=True)
    return [Attachment(f"{page.slug}.ics", content, MAIL_CALENDAR_TYPE)]


def send_confirmation(registration, event_date, token, mail="agenda/mail/confirmation"):
    """The mail to someone who signed up (or, with `mail` "agenda/mail/already", who signed
    up again): what and where, the cancel link for `token`, an online date's meeting link and
    the calendar file for someone with a place."""
    confirmed = registration.status == Registration.Status.CONFIRMED
    with speaking_to(registration, event_date) as shown:
        queue_templated_email(
            registration.email,
            mail,
            {
                "registration": registration,
                "event_title": shown.shown_page.title,
                "confirmed": confirmed,
                "what_and_where": what_and_where(shown),
                "cancel_url": cancel_url(shown, token),
                "meeting_link": meeting_link_for(registration, shown),
            },
            regarding=registration,
            attachments=calendar_attachment(shown) if confirmed else [],
        )


def notify_editors(registration, event_date):
    """Tell the editors about a new sign-up (who, for what, and the numbers now), with a
    link to the sign-ups of that date in the admin."""
    site = event_date.page.get_site()
    recipients = editor_recipients(site)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
        queue_templated_email(
            recipients,
            "agenda/mail/new_signup",
            {
                "registration": registration,
                "event_date": event_date,
                "confirmed_count": event_date.confirmed_count(),
                "admin_url": site_address(
                    site, reverse("aanmeldingen:index") + f"?event_date={event_date.pk}"
                ),
            },
            regarding=registration,
        )


def notify_editors_of_cancellation(registration, event_date, promoted):
    """Tell the editors a sign-up was cancelled through its own link: for which date, the
    numbers now, and whether someone moved up from the waiting list. It names nobody: the
    cancelled sign-up's personal data are gone, and this mail must not keep them."""
    site = event_date.page.get_site()
    recipients = editor_recipients(site)
    if not recipients:
        return
    waiting = event_date.registrations.filter(status=Registration.Status.WAITING).count()
    with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
        queue_templated_email(
            recipients,
            "agenda/mail/cancelled_signup",
            {
                "registration": registration,
                "event_date": event_date,
                "promoted": promoted is not None,
                "confirmed_count": event_date.confirmed_count(),
                "waiting_count": waiting,
                "admin_url": site_address(
                    site, reverse("aanmeldingen:index") + f"?event_date={event_date.pk}"
                ),
            },
            regarding=event_date,
        )


def what_and_where(event_date):
    """The event, its date and the full address, one per line, for the mails to the person
    signed up (within `speaking_to`)."""
    return "\n".join([event_date.shown_page.title, event_date.when_text, *event_date.address_lines])


def send_promotion_notice(registration, event_date, token):
    with speaking_to(registration, event_date) as shown:
        queue_templated_email(
            registration.email,
            "agenda/mail/moved_up",
            {
                "registration": registration,
                "event_title": shown.shown_page.title,
                "what_and_where": what_and_where(shown),
                "cancel_url": cancel_url(shown, token),
                "meeting_link": meeting_link_for(registration, shown),
            },
            regarding=registration,
            attachments=calendar_attachment(shown),
        )


def meeting_link_for(registration, event_date):
    """The online date's meeting link for someone with a place (confirmed, date not called
    off), else "": the waiting list gets it when they move up."""
    if (
        event_date.is_online
        and registration.status == Registration.Status.CONFIRMED
        and not event_date.is_cancelled
    ):
        return event_date.meeting_link
    return ""


def send_reminders_due(now=None):
    """Mail a reminder to everyone with a place for each date whose reminder is due (its
    `reminder_due_at` passed, the date not begun, not called off, not reminded yet), with a
    cancel link of its own and, online, the meeting link. Each date is marked reminded in
    the same transaction as its mails are stored, so two schedulers never remind twice.
    Returns the number of mails queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = EventDate.objects.filter(
        reminder_hours__isnull=False,
        reminded_at__isnull=True,
        date_label="",
        start_date__gte=today,
        start_date__lte=today + datetime.timedelta(days=15),
    ).exclude(status=EventStatus.CANCELLED)
    sent = 0
    for candidate in candidates:
        due = candidate.reminder_due_at
        start = due + datetime.timedelta(hours=candidate.reminder_hours)
        if not due <= now < start:
            continue
        with transaction.atomic():
            event_date = (
                EventDate.objects.select_for_update()
                .select_related("page")
                .filter(pk=candidate.pk, reminded_at__isnull=True)
                .first()
            )
            if event_date is None:
                continue
            event_date.reminded_at = now
            event_date.save(update_fields=["reminded_at"])
            for registration in event_date.registrations.filter(
                status=Registration.Status.CONFIRMED
            ):
                send_reminder(registration, event_date)
                sent += 1
    return sent


def send_reminder(registration, event_date):
    token, registration.notice_token_hash = new_token()
    registration.save(update_fields=["notice_token_hash"])
    with speaking_to(registration, event_date) as shown:
        queue_templated_email(
            registration.email,
            "agenda/mail/reminder",
            {
                "registration": registration,
                "event_date": shown,
                "what_and_where": what_and_where(shown),
                "cancel_url": cancel_url(shown, token),
                "meeting_link": meeting_link_for(registration, shown),
            },
            regarding=registration,
            attachments=calendar_attachment(shown),
        )


ALREADY_MAIL_SECONDS = 60 * 60


def tell_already_signed_up(registration, event_date):
    """Mail the address of an existing sign-up that it is signed up already (the page says
    nothing about it, so nobody learns who signed up by trying an address). At most one
    such mail an hour per sign-up (a counter in the cache)."""
    if not cache.add(f"agenda-already:{registration.pk}", 1, timeout=ALREADY_MAIL_SECONDS):
        return
    token, registration.notice_token_hash = new_token()
    registration.save(update_fields=["notice_token_hash"])
    send_confirmation(registration, event_date, token, mail="agenda/mail/already")
