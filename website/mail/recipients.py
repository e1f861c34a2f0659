"""Who gets notices meant for the editors (a new story, contact message or sign-up): one
place."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model

from website.core.models import SiteSettings

logger = logging.getLogger(__name__)


def editor_recipients(site=None, own=""):
    """[address]: `own` (a page's own addresses, separated by commas: a form page's
    "Meldingen naar") when it has any; else the editors' address from the site settings
    ("E-mailadres van de redactie"); else MANAGERS; else the addresses of active members of
    Redactie and superusers, logged as a warning, as is having nobody at all (the dashboard
    and `check --deploy` say so too)."""
    if own_addresses := [address.strip() for address in own.split(",") if address.strip()]:
        return own_addresses
    site_settings = SiteSettings.for_site(site) if site else SiteSettings.objects.first()
    if site_settings and site_settings.notification_email:
        return [site_settings.notification_email]
    if managers := [address for _name, address in settings.MANAGERS]:
        return managers
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    # "Redactie": the editors' role (website.contributors.roles), made by a migration.
    moderators = users.filter(groups__name="Redactie") | users.filter(is_superuser=True)
    recipients = sorted(set(moderators.values_list("email", flat=True)))
    logger.warning(
        "No e-mail address for the editors in the site settings; notices go to %s.",
        ", ".join(recipients) or "nobody",
    )
    return recipients


def notification_address_missing():
    """True while no site has an editors' address and MANAGERS is empty."""
    if settings.MANAGERS:
        return False
    return not SiteSettings.objects.exclude(notification_email="").exists()
