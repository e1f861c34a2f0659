"""Editors see and export the subscribers, and invite a pasted list (nobody is subscribed
by it)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import TestCase

from website.newsletter.models import Subscriber, Suppression, address_hash

pytestmark = pytest.mark.django_db

PASTED = """Anne <anne@example.org>; bert@example.org
ANNE@example.org, geen-adres, al@example.org
weg@example.org\tcees@Example.org"""


@pytest.fixture
def subscribers(seeded):
    Subscriber.objects.create(email="al@example.org", name="Al", status="aangemeld")
    Suppression.objects.create(email_hash=address_hash("weg@example.org"))


def test_the_listing_and_export_read_as_dutch(admin_client, subscribers):
    listing = admin_client.get("/admin/abonnees/")
    content = listing.content.decode()
    assert listing.status_code == 200
    assert "al@example.org" in content and "Aangemeld" in content
    exported = admin_client.get("/admin/abonnees/?export=csv&status=aangemeld")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:3] == ["E-mailadres", "Naam", "Status"]
    assert rows[1][:3] == ["al@example.org", "Al", "Aangemeld"]


def test_inviting_a_pasted_list_subscribes_nobody(admin_client, subscribers):
    page = admin_client.get("/admin/abonnees/uitnodigen/")
    assert page.status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = admin_client.post(
            "/admin/abonnees/uitnodigen/", {"addresses": PASTED}, follow=True
        )
    text = answer.content.decode()
    assert "3 adressen uitgenodigd." in text
    assert "1 waren al bekend" in text and "1 meldden zich eerder af" in text
    assert "geen-adres" in text
    invited = Subscriber.objects.filter(status=Subscriber.Status.INVITED)
    assert sorted(invited.values_list("email", flat=True)) == [
        "anne@example.org",
        "bert@example.org",
        "cees@example.org",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anne@example.org",
        "bert@example.org",
        "cees@example.org",
    ]
    assert Subscriber.objects.filter(status="aangemeld").count() == 1


def test_only_those_who_manage_subscribers_may_invite(client, django_user_model, seeded):
    editor = django_user_model.objects.create_user("redacteur", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/abonnees/uitnodigen/").status_code in (302, 403)
