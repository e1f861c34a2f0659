"""Editors see and export the subscribers, and invite a pasted list (nobody is subscribed
by it)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import TestCase
from wagtail.models import Site

from website.mail.outbox import mail_to
from website.newsletter.models import Subscriber, Suppression, address_hash
from website.newsletter.subscriptions import subscribe

pytestmark = pytest.mark.django_db

# An address book line, a spreadsheet column with a header and other columns, a typo.
PASTED = """Anne de Vries <anne@example.org>; bert@example.org
Naam\tE-mail\tOrganisatie
Al\tal@example.org\tFNV
Weg\tweg@example.org\tKerk in Actie
ANNE@example.org, cees@Example.org, tom@example"""


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
    assert "1 adres was al bekend" in text and "1 adres is eerder afgemeld" in text
    assert "Niet goed geschreven, dus niet uitgenodigd: tom@example." in text
    assert Subscriber.objects.get(email="anne@example.org").name == "Anne de Vries"
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
    assert all(m.subject.startswith("Wil je de nieuwsbrief van") for m in mail.outbox)
    assert "nodigt je uit" in mail.outbox[0].body


def test_a_list_too_long_is_refused_with_its_count(admin_client, subscribers):
    many = "\n".join(f"lid{number}@example.org" for number in range(301))
    answer = admin_client.post("/admin/abonnees/uitnodigen/", {"addresses": many})
    assert "Dit zijn 301 adressen. Nodig er maximaal 300 tegelijk uit" in answer.content.decode()
    assert not Subscriber.objects.filter(status="uitgenodigd").exists()


def test_removing_an_address_in_the_admin_erases_it_and_its_mail(admin_client, subscribers):
    subscriber = Subscriber.objects.get(email="al@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        subscribe("al2@example.org", "", Site.objects.get(is_default_site=True))
    fresh = Subscriber.objects.get(email="al2@example.org")
    for target in (subscriber, fresh):
        admin_client.post(f"/admin/abonnees/delete/{target.pk}/")
    assert not Subscriber.objects.filter(email__in=["al@example.org", "al2@example.org"]).exists()
    assert not mail_to("al2@example.org").exists()
    assert Suppression.objects.filter(email_hash=address_hash("al@example.org")).exists()


def test_only_those_who_manage_subscribers_may_invite(client, django_user_model, seeded):
    editor = django_user_model.objects.create_user("redacteur", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/abonnees/uitnodigen/").status_code in (302, 403)
