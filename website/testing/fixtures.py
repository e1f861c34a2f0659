"""Fixtures for tests in every app (loaded by the root conftest as a pytest plugin)."""

import pytest
from wagtail.models import Site

from website.core.models import SiteSettings
from website.testing.services import MailServer

EDITORS = "redactie@example.org"


@pytest.fixture
def site_settings(db):
    """The default site's SiteSettings."""
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def editors_address(site_settings):
    """The editors' address set in the site settings: EDITORS."""
    site_settings.notification_email = EDITORS
    site_settings.save()
    return EDITORS


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` marks where a request's transaction would commit: on leaving the
    block the on-commit hooks run (mail is handed to its task then)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def mail_server(settings):
    """The site delivers its mail to a real SMTP server on a spare port, which is down
    (connections refused) until the test calls `mail_server.up()`. Mail still goes through
    the outbox first, as in production."""
    server = MailServer()
    settings.MAILERS = {
        "default": {"BACKEND": "website.mail.outbox.OutboxBackend"},
        "delivery": server.mailer(),
    }
    yield server
    server.down()
