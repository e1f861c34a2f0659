"""Who gets notices meant for the editors (new story, contact message): one place."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import SiteSettings

logger = logging.getLogger(__name__)


def editor_recipients(site=None):
    """The organisation's address from the site settings; else MANAGERS; else the e-mail
    addresses of moderators and administrators. Logged when there is nobody to tell."""

    site_settings = SiteSettings.for_site(site) if site else SiteSettings.objects.first()
    if site_settings and site_settings.email:
        return [site_settings.email]
    if managers := [address for _name, address in settings.MANAGERS]:
        return managers
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(groups__name="Moderators") | users.filter(is_superuser=True)
    recipients = sorted(set(moderators.values_list("email", flat=True)))
    if not recipients:
        logger.warning("No e-mail address for the editors: set one in the site settings.")
    return recipients
