from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page

from .changes import changed_fields, note_people_to_tell, stamp, tell_people_of_removal
from .models import EventDate, Registration
from .registration import fill_free_seats
from .tasks import tell_people_about_change


@receiver(pre_save, sender=EventDate)
def notice_changes(sender, instance, raw=False, **kwargs):
    """A new time, place or status (as publishing the event page saves it): stamp it, and
    after the commit tell the people who signed up (a task, through the outbox)."""
    if raw or not seen_before(instance.page_id):
        return
    old_values = changed_fields(instance)
    if not old_values:
        return
    stamp(instance)
    if {"start_date", "start_time", "date_label"} & old_values.keys():
        instance.reminded_at = None  # a new time: remind again before it
    if people := instance.registrations.filter(status__in=ACTIVE).count():
        note_people_to_tell(instance.page_id, people)
        pk = instance.pk
        transaction.on_commit(lambda: tell_people_about_change.enqueue(pk, encode(old_values)))


ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITING]


def seen_before(page_id):
    """Whether visitors could have seen the event's dates before this save: it was published
    before. A first publication saves the page (first = last publication time) before its
    dates, and the dates of a draft (kept while a contributor's submission was sent back)
    changed where nobody saw them: no "Gewijzigd op" for those."""
    page = Page.objects.filter(pk=page_id).values("first_published_at", "last_published_at")
    published = page.first()
    return bool(
        published
        and published["first_published_at"]
        and published["first_published_at"] != published["last_published_at"]
    )


@receiver(pre_delete, sender=EventDate)
def removed_date_is_called_off(sender, instance, **kwargs):
    """Deleting a date with sign-ups tells those people it is called off (and the editor,
    after publishing, how many were told)."""
    queue = tell_people_of_removal(instance)
    if queue:
        note_people_to_tell(
            instance.page_id, instance.registrations.filter(status__in=ACTIVE).count()
        )
        transaction.on_commit(queue)


def encode(values):
    """Task arguments are JSON: dates and times as ISO strings."""
    return {name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in values.items()}  # fmt: skip


@receiver(post_save, sender=EventDate)
def seats_may_have_opened(sender, instance, **kwargs):
    """A larger capacity (or re-opened sign-up) moves people up from the waiting list."""

    if instance.registration_open:
        transaction.on_commit(lambda: fill_free_seats(instance))


@receiver(post_delete, sender=Registration)
def seat_freed_by_deletion(sender, instance, **kwargs):
    """An editor deleting a confirmed sign-up frees a seat too."""

    if instance.status == Registration.Status.CONFIRMED and instance.event_date_id:
        event_date = EventDate.objects.filter(pk=instance.event_date_id).first()
        if event_date is not None:
            transaction.on_commit(lambda: fill_free_seats(event_date))
