"""People who signed up hear when their date changes: a new time or place, or a
cancellation. Each active sign-up (confirmed or on the waiting list) gets a short mail
through the outbox saying what was and what is, with the calendar item of the date: the
same UID and a higher SEQUENCE, STATUS:CANCELLED when it is called off, so calendar apps
update or strike the event they already have (RFC 5546 §2.1.4, §3.2.1)."""

import copy
import datetime
from contextvars import ContextVar

from django.utils import timezone
from django.utils.translation import pgettext

from website.core.private_links import new_token
from website.mail.outbox import forget_mail_about, queue_templated_email

from .choices import EventStatus
from .models import EventDate, Registration
from .registration import (
    calendar_attachment,
    cancel_url,
    in_original_language,
    meeting_link_for,
    speaking_to,
    wipe,
)

#: What people must know about: when, where, and whether it happens.
WATCHED_FIELDS = (
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "date_label",
    "venue_name",
    "street_address",
    "postcode",
    "city",
    "status",
    "attendance",
    "meeting_link",
)


def changed_fields(event_date):
    """{field: old value} of the watched fields that differ from the stored row; {} for a
    new date."""
    if not event_date.pk:
        return {}
    old = EventDate.objects.filter(pk=event_date.pk).values(*WATCHED_FIELDS).first()
    if old is None:
        return {}
    return {name: old[name] for name in WATCHED_FIELDS if old[name] != getattr(event_date, name)}


# {page id: how many people will hear of a change}, noted while publishing saves the dates
# (signals.notice_changes) and read by the editor's message right after (wagtail_hooks).
_people_to_tell = ContextVar("people_to_tell", default=None)


def note_people_to_tell(page_id, count):
    noted = dict(_people_to_tell.get() or {})
    noted[page_id] = noted.get(page_id, 0) + count
    _people_to_tell.set(noted)


def people_told_about(page_id):
    """How many people were noted for `page_id` since it was last asked (then forgotten)."""
    noted = dict(_people_to_tell.get() or {})
    count = noted.pop(page_id, 0)
    _people_to_tell.set(noted)
    return count


def describe(event_date):
    """The date as people read it: when, where, and its status unless it is as planned."""
    comma = pgettext("between the parts of a list", ", ")
    parts = [event_date.when_text, *(line for line in event_date.address_lines if line)]
    status = (
        f" ({event_date.get_status_display().lower()})"
        if event_date.status != EventStatus.SCHEDULED
        else ""
    )
    return comma.join(parts) + status


def tell_people_of_removal(event_date):
    """A date removed from its event (the editor deleted it) is called off for everyone
    signed up: the same mail as a cancellation, with the calendar item struck, then their
    sign-ups are cancelled and their personal data erased (`wipe`). Built now, while the
    date still exists; stored in the outbox after the commit."""
    active = list(
        event_date.registrations.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
        )
    )
    if not active:
        return []
    gone = copy.copy(event_date)
    gone.status = EventStatus.CANCELLED
    stamp(gone)

    def queue():
        for registration in active:
            # The earlier mails' cancel links lead nowhere now; this mail says it is off.
            forget_mail_about(registration)
            with speaking_to(registration, gone) as shown:
                queue_templated_email(
                    registration.email,
                    "agenda/mail/changed",
                    change_context(registration, shown, event_date, cancelled=True),
                    regarding=registration,
                    attachments=calendar_attachment(shown),
                )
            # Told; what is left of the sign-up is the date it was for (the admin's list
            # no longer shows them signed up for a date that does not exist).
            wipe(registration, "(datum geschrapt)")

    return queue


def tell_people(event_date_id, old_values):
    """Mail every active sign-up of the date about the change from `old_values`
    ({field: old value}); update their copy of when it is. Returns how many were told."""
    event_date = EventDate.objects.select_related("page").filter(pk=event_date_id).first()
    if event_date is None:
        return 0
    before = copy.copy(event_date)
    for name, value in old_values.items():
        setattr(before, name, value)
    active = event_date.registrations.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
    )
    cancelled = event_date.status == EventStatus.CANCELLED
    told = 0
    for registration in active:
        with speaking_to(registration, event_date) as shown:
            context = change_context(registration, shown, before, cancelled)
            if not cancelled:
                # Only hashes of the earlier links are kept: this mail gets a link of its
                # own, and the first mail's link keeps working (a move-up mail's is replaced).
                token, registration.notice_token_hash = new_token()
                registration.save(update_fields=["notice_token_hash"])
                context["cancel_url"] = cancel_url(shown, token)
            with_calendar = registration.status == Registration.Status.CONFIRMED or cancelled
            queue_templated_email(
                registration.email,
                "agenda/mail/changed",
                context,
                regarding=registration,
                attachments=calendar_attachment(shown) if with_calendar else [],
            )
        told += 1
    # Every sign-up of the date says when it is now, a cancelled one too (the list of
    # sign-ups showed the old time beside the new).
    event_date.registrations.update(
        event_when=in_original_language(event_date), event_last_day=event_date.last_day
    )
    return told


def change_context(registration, event_date, before, cancelled):
    """What the mail "agenda/mail/changed" needs: the date as it is now and as it was
    (within `speaking_to`: `event_date` is shown in the person's language)."""
    return {
        "registration": registration,
        "event_date": event_date,
        "event_title": event_date.shown_page.title,
        "cancelled": cancelled,
        "waiting": registration.status == Registration.Status.WAITING,
        "before_text": describe(before),
        "now_text": describe(event_date),
        "meeting_link": meeting_link_for(registration, event_date),
        "link_changed": before.meeting_link != event_date.meeting_link,
    }


def stamp(event_date):
    """Mark the moment of a change. The calendar item's SEQUENCE counts seconds from it,
    so it is at least a second after what the last version counted from: two versions
    within one second must not share a SEQUENCE (calendar apps would keep the first)."""
    page = event_date.page
    earlier = [page.last_published_at, page.first_published_at, event_date.changed_at]
    earlier = [moment for moment in earlier if moment]
    after_last = max(earlier) + datetime.timedelta(seconds=1) if earlier else timezone.now()
    event_date.changed_at = max(timezone.now(), after_last)
