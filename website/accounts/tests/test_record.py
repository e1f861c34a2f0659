"""The record of sign-ins: for Beheerders only, readable, flat in queries, kept 90 days."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from website.accounts.models import SignInEvent
from website.core.privacy import expire_personal_data, export_personal_data
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db
URL = reverse("inlogpogingen:index")


def client_for(role):
    user = get_user_model().objects.create_user(role.lower(), f"{role.lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return user, client


def add_events(count, user):
    for n in range(count):
        SignInEvent.objects.create(
            kind="failed" if n % 2 else "succeeded",
            username=user.username,
            user=user,
            address="203.0.113.1",
            browser="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1",
        )


def test_beheerders_read_who_logged_in_and_others_do_not():
    user, client = client_for("Beheerder")
    add_events(3, user)
    page = client.get(URL).content.decode()
    rows = find_all(find_one(page, "table", class_="listing"), "tr")[1:]
    assert len(rows) == 3
    assert "verkeerd wachtwoord" in page and "Safari op iPhone" in page
    assert "None" not in "".join(text(row) for row in rows)
    _editor, editor_client = client_for("Redactie")
    assert editor_client.get(URL).status_code in (302, 403)


def test_the_record_costs_the_same_queries_for_many_rows():
    user, client = client_for("Beheerder")
    add_events(3, user)
    client.get(URL)  # the first request of a session fills caches (content types, settings)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add_events(30, user)
    client.get(URL)  # saving anything renews the site's cached root paths: warm them again
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)


def test_sign_ins_are_kept_ninety_days_and_exported_with_the_address():
    user, _client = client_for("Beheerder")
    add_events(2, user)
    SignInEvent.objects.filter(pk=SignInEvent.objects.first().pk).update(
        at=timezone.now() - timedelta(days=91)
    )
    assert len(export_personal_data("beheerder@example.org")["accounts"]) == 2
    expire_personal_data(before=timezone.now() - timedelta(days=365))
    assert SignInEvent.objects.count() == 1


def test_the_privacy_statement_says_how_long_sign_ins_are_kept(seeded, client, settings):
    from website.pages.models import StandardPage  # noqa: PLC0415

    privacy = StandardPage.objects.get(slug="privacyverklaring")
    text_on_page = client.get(privacy.url).content.decode()
    assert f"Inlogpogingen: {settings.SIGN_IN_RECORD_DAYS} dagen" in text_on_page
