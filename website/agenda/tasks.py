import datetime
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from .models import Registration

logger = logging.getLogger(__name__)


@task
def delete_old_registrations():
    """Sign-ups are personal data: delete them a set time after the event's last day."""
    cutoff = timezone.localdate() - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    deleted, _ = Registration.objects.filter(event_last_day__lt=cutoff).delete()
    if deleted:
        logger.info("Deleted %s registrations of events before %s", deleted, cutoff)
    return deleted
