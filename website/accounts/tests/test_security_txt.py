"""/.well-known/security.txt (RFC 9116), read back field by field."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import Site

from website.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def fields(body):
    """{field name: [values]} as RFC 9116 §3 reads the file: "Name: value" lines."""
    parsed = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(":")
            parsed.setdefault(name.strip().lower(), []).append(value.strip())
    return parsed


def test_security_txt_names_the_contact_and_an_expiry_within_a_year(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "info@netwerk.example"
    settings.security_email = "beveiliging@netwerk.example"
    settings.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.endswith("\n") and "\r" not in body
    parsed = fields(body)
    assert parsed["contact"] == ["mailto:beveiliging@netwerk.example"]
    expires = datetime.strptime(parsed["expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=30) < expires < now + timedelta(days=365)
    assert parsed["canonical"][0].endswith("/.well-known/security.txt")
    assert parsed["preferred-languages"] == ["nl, en"]


def test_without_a_public_address_there_is_no_security_txt(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = ""
    settings.security_email = ""
    settings.notification_email = "redactie@netwerk.example"  # private: never published
    settings.save()
    assert client.get("/.well-known/security.txt").status_code == 404
    settings.email = "info@netwerk.example"
    settings.save()
    assert "mailto:info@netwerk.example" in client.get("/.well-known/security.txt").content.decode()
