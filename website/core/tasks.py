"""Background work of the core app: the daily privacy clean-up, renditions after an upload."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone
from wagtail.images import get_image_model

from .models import SiteSettings
from .privacy import expire_personal_data
from .renditions import make_renditions


@task
def delete_expired_personal_data():
    """AVG: delete what we no longer need. Contact-form submissions and story contact
    details after the retention period in the site settings; sent e-mails (they repeat
    personal data) after EMAIL_RETENTION_DAYS."""

    # With several sites, keep the longest period any of them promises.
    months = max([s.retention_months for s in SiteSettings.objects.all()] or [12])
    return expire_personal_data(before=timezone.now() - timedelta(days=30 * months))


@task
def make_image_renditions(image_id):
    """Every size public pages show of a new or replaced image (core.renditions), before a
    visitor asks. Returns the number made (0 for an image deleted meanwhile)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    return make_renditions(image) if image else 0
