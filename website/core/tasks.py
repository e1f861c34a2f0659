"""The daily privacy clean-up: each app's personal data past its retention period."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from .models import SiteSettings
from .privacy import expire_personal_data


@task
def delete_expired_personal_data():
    """AVG: delete what we no longer need. Contact-form submissions and story contact
    details after the retention period in the site settings; sent e-mails (they repeat
    personal data) after EMAIL_RETENTION_DAYS."""

    # With several sites, keep the longest period any of them promises.
    months = max([s.retention_months for s in SiteSettings.objects.all()] or [12])
    return expire_personal_data(before=timezone.now() - timedelta(days=30 * months))
