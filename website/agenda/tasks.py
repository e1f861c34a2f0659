import datetime
import logging

from django.conf import settings
from django.db.models.functions import Coalesce
from django.tasks import task
from django.utils import timezone

from .changes import tell_people
from .models import EventDate, Registration
from .registration import send_reminders_due

logger = logging.getLogger(__name__)


@task
def delete_old_registrations():
    """Sign-ups are personal data: delete them a set time after the event's last day."""
    cutoff = timezone.localdate() - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    # The date as it is now (it may have moved since the sign-up); the copy taken at
    # sign-up only when editors removed the date.
    last_day = Coalesce("event_date__end_date", "event_date__start_date", "event_last_day")
    deleted, _ = (
        Registration.objects.annotate(last_day=last_day).filter(last_day__lt=cutoff).delete()
    )
    if deleted:
        logger.info("Deleted %s registrations of events before %s", deleted, cutoff)
    return deleted


@task
def tell_people_about_change(event_date_id, old_values):
    """Mail the people signed up for a date that changed (agenda.changes); `old_values` is
    {field: old value as JSON} (dates and times as ISO strings)."""
    return tell_people(event_date_id, decode(old_values))


def decode(values):
    fields = {field.name: field for field in EventDate._meta.get_fields()}
    return {name: fields[name].to_python(value) for name, value in values.items()}


@task
def send_reminders():
    """Remind the people signed up for dates whose reminder is due (the editor set
    "Herinnering"), with the meeting link of an online date. Returns how many were mailed."""
    return send_reminders_due()
