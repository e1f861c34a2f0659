from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import EventDate, Registration
from .registration import fill_free_seats


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
