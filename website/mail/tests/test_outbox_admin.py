"""The outbox and the editors' address in the admin: an address that is always there or loudly
missing (dashboard and deploy check), mail that could not be delivered shown with what went
wrong and "Opnieuw proberen", and an outbox nobody can write in."""

import io
import socket

import pytest
from django.core import checks
from django.core.management import call_command

from website.core.admin_views import display_value
from website.mail.models import OutgoingEmail
from website.mail.outbox import queue_email
from website.mail.tasks import deliver
from website.testing.fixtures import EDITORS
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def test_ensure_admin_gives_the_editors_the_administrators_address(site_settings):
    site_settings.notification_email = ""
    site_settings.save()
    out = io.StringIO()
    call_command("ensure_admin", "--email", "beheer@example.org", stdout=out)
    site_settings.refresh_from_db()
    assert site_settings.notification_email == "beheer@example.org"
    assert "beheer@example.org" in out.getvalue()

    # A second run changes nothing an editor set since.
    site_settings.notification_email = EDITORS
    site_settings.save()
    call_command("ensure_admin", "--email", "ander@example.org", stdout=io.StringIO())
    site_settings.refresh_from_db()
    assert site_settings.notification_email == EDITORS


def test_editors_email_from_the_environment_wins(site_settings, monkeypatch):
    site_settings.notification_email = ""
    site_settings.save()
    monkeypatch.setenv("EDITORS_EMAIL", "postbus@example.org")
    call_command("ensure_admin", "--email", "beheer@example.org", stdout=io.StringIO())
    site_settings.refresh_from_db()
    assert site_settings.notification_email == "postbus@example.org"


def test_no_address_is_loud_on_the_dashboard_and_in_the_deploy_check(
    admin_client, site_settings, settings
):
    settings.MANAGERS = []
    site_settings.notification_email = ""
    site_settings.save()
    dashboard = admin_client.get("/admin/")
    warning = find_one(dashboard, "div", "help-critical")
    assert "Er is geen e-mailadres van de redactie ingesteld" in text(warning)
    link = find_one(warning, "a")
    assert admin_client.get(link.get("href"), follow=True).status_code == 200
    found = checks.run_checks(include_deployment_checks=True)
    assert "website.W001" in [message.id for message in found]

    site_settings.notification_email = EDITORS
    site_settings.save()
    assert "help-critical" not in admin_client.get("/admin/").content.decode()
    found = checks.run_checks(include_deployment_checks=True)
    assert "website.W001" not in [message.id for message in found]


def test_the_setting_says_what_the_address_is_for(admin_client):
    form = admin_client.get("/admin/settings/core/sitesettings/", follow=True)
    assert "Hier komen nieuwe contactberichten, verhalen en aanmeldingen binnen" in (
        form.content.decode()
    )


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe closes


def try_once_through_a_closed_port(settings):
    """Queue a mail and try it once over real SMTP to a port where no server listens."""
    settings.MAILERS = settings.MAILERS | {
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }
    message = queue_email("jan@example.org", "Je bent aangemeld", "Tekst")
    deliver(message.pk)
    message.refresh_from_db()
    return message


def test_an_undeliverable_mail_is_visible_and_can_be_tried_again(
    admin_client, settings, commit, mailoutbox
):
    """A real SMTP connection to a port where no server listens: the mail fails, the
    dashboard and the outbox show it, and "Opnieuw proberen" sends it once the server is
    back (the locmem backend stands in for the repaired server)."""
    settings.EMAIL_MAX_ATTEMPTS = 1
    message = try_once_through_a_closed_port(settings)
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.last_error

    panel = find_one(admin_client.get("/admin/"), "section", id="failed_mail-section")
    assert "Je bent aangemeld" in text(panel)
    assert "De mailserver was niet bereikbaar." in text(panel)  # in words, not a traceback
    retry_form = find_one(panel, "form")
    failed_list = admin_client.get("/admin/uitgaande-email/", {"status": "failed"})
    rows = find_all(find_one(find_one(failed_list, "table", "listing"), "tbody"), "tr")
    assert len(rows) == 1
    assert "jan@example.org" in text(rows[0])
    assert "['" not in text(rows[0])  # an address, not a Python list
    detail = admin_client.get(f"/admin/uitgaande-email/inspect/{message.pk}/")
    assert "Opnieuw proberen" in text(find_one(detail, "main"))

    settings.MAILERS = settings.MAILERS | {
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    with commit():
        response = admin_client.post(retry_form.get("action"), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/uitgaande-email/"
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert [m.subject for m in mailoutbox] == ["Je bent aangemeld"]
    assert "failed_mail" not in admin_client.get("/admin/").content.decode()


def test_a_mail_still_being_retried_shows_on_the_dashboard_with_its_next_try(
    admin_client, settings
):
    message = try_once_through_a_closed_port(settings)
    assert message.status == OutgoingEmail.Status.PENDING  # it will try again by itself
    panel = text(find_one(admin_client.get("/admin/"), "section", id="failed_mail-section"))
    assert "1 niet aangekomen" in panel
    assert "volgende poging " + display_value(message.next_attempt_at) in panel
    assert "Opnieuw proberen" not in panel  # nothing to press: it is retried already


def test_the_outbox_cannot_be_written_in_the_admin(admin_client):
    message = queue_email("a@example.org", "Onderwerp", "Tekst")
    assert admin_client.get("/admin/uitgaande-email/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/uitgaande-email/edit/{message.pk}/").status_code in (
        302,
        403,
    )
