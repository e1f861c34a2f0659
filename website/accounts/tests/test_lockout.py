"""Guessing stopped: real posts to the admin's login, counted in the database."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from website.accounts.models import SignInEvent, UnlockLink
from website.mail.models import OutgoingEmail
from website.testing.utils import find_one, text

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-voor-de-test"
LOGIN = reverse("wagtailadmin_login")
LOCKED = "Er is te vaak een verkeerd wachtwoord ingevuld"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user(
        "beheerder", "beheerder@example.org", PASSWORD, first_name="Anna"
    )
    user.groups.add(Group.objects.get(name="Beheerder"))
    return user


def from_address(address):
    return Client(REMOTE_ADDR=address)


def log_in(client, username, password):
    response = client.post(LOGIN, {"username": username, "password": password})
    return response


def logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def error_of(response):
    return text(find_one(response.content.decode(), "div", class_="messages"))


def unlock_link(user):
    mails = OutgoingEmail.objects.filter(to=[user.email])
    assert mails.count() == 1, "one unlock mail per lock, not one per attempt"
    return re.search(r"http\S+/admin/weer-inloggen/\S+/", mails.get().body).group(0)


def test_forty_wrong_passwords_lock_the_account_until_the_mailed_link(editor):
    attacker = from_address("203.0.113.9")
    answers = [error_of(log_in(attacker, "Beheerder", f"gok-{n}")) for n in range(40)]
    assert all("komen niet overeen" in answer or LOCKED in answer for answer in answers)
    assert LOCKED not in answers[3]
    assert all(LOCKED in answer for answer in answers[4:])
    # Attempts while locked are refused without trying the password, and do not count.
    assert SignInEvent.objects.filter(kind="failed").count() == 5
    assert SignInEvent.objects.filter(kind="refused").count() == 35

    # The real owner, elsewhere, with the right password: still refused...
    owner = from_address("198.51.100.7")
    assert LOCKED in error_of(log_in(owner, "beheerder", PASSWORD))
    # ...until the link mailed to the account's own address, which works once.
    link = unlock_link(editor).split("/admin/", 1)[1]
    page = owner.get(f"/admin/{link}")
    assert "In deze browser weer inloggen" in page.content.decode()
    assert not UnlockLink.objects.filter(used_at__isnull=False).exists()  # opening is not using
    assert owner.post(f"/admin/{link}").status_code == 302
    assert logged_in(log_in(owner, "beheerder", PASSWORD))
    assert from_address("198.51.100.8").post(f"/admin/{link}").status_code == 410
    # The attacker's browser got no such cookie: still locked.
    assert LOCKED in error_of(log_in(attacker, "beheerder", PASSWORD))


def test_the_lock_ends_after_the_cooldown(editor):
    client = from_address("203.0.113.10")
    for n in range(5):
        log_in(client, "beheerder", f"gok-{n}")
    assert LOCKED in error_of(log_in(client, "beheerder", PASSWORD))
    SignInEvent.objects.update(at=SignInEvent.objects.first().at - timedelta(minutes=16))
    assert logged_in(log_in(client, "beheerder", PASSWORD))


def test_a_name_without_an_account_is_answered_the_same(editor):
    client = from_address("203.0.113.11")
    known = [error_of(log_in(client, "beheerder", f"gok-{n}")) for n in range(6)]
    unknown = [error_of(log_in(client, "niemand", f"gok-{n}")) for n in range(6)]
    assert known == unknown
    assert OutgoingEmail.objects.count() == 1  # the one account that exists got its link


def test_an_address_that_guessed_many_names_waits_and_others_do_not(editor):
    get_user_model().objects.create_user("redacteur", "r@example.org", PASSWORD)
    attacker = from_address("2001:db8:1:2::9")
    for n in range(20):
        log_in(attacker, f"naam-{n}", "gok")
    # Another address in the same /64 (one household's or one attacker's) waits too.
    neighbour = from_address("2001:db8:1:2::77")
    assert LOCKED in error_of(log_in(neighbour, "redacteur", PASSWORD))
    assert logged_in(log_in(from_address("2001:db8:9:9::1"), "redacteur", PASSWORD))


def test_behind_the_proxy_a_forged_forwarded_for_changes_nothing(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    for n in range(20):
        # nginx appends the address it saw to whatever the visitor sent.
        forged = f"10.0.{n}.1, 203.0.113.50"
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forged).post(
            LOGIN, {"username": f"naam-{n}", "password": "gok"}
        )
    again = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50")
    assert LOCKED in error_of(log_in(again, "beheerder", PASSWORD))
    assert set(SignInEvent.objects.values_list("address", flat=True)) == {"203.0.113.50"}


def test_a_new_password_is_asked_at_most_three_times_an_hour_with_one_answer(editor):
    client = from_address("203.0.113.12")
    url = reverse("wagtailadmin_password_reset")
    answers = []
    for email in ["beheerder@example.org"] * 5 + ["onbekend@example.org"] * 2:
        response = client.post(url, {"email": email}, follow=True)
        answers.append(main_text(response))
    assert len(set(answers)) == 1
    assert OutgoingEmail.objects.filter(to=["beheerder@example.org"]).count() == 3
    assert SignInEvent.objects.filter(kind="reset_refused").count() == 2


def main_text(response):
    return text(find_one(response.content.decode(), "main"))


def test_passwords_need_twelve_characters_and_no_common_one(editor):
    with translation.override("nl"):
        with pytest.raises(ValidationError) as short:
            validate_password("Kort-maar-1")
        assert "12 tekens" in " ".join(short.value.messages)
        with pytest.raises(ValidationError) as common:
            validate_password("password1234")
        assert "bekend" in " ".join(common.value.messages)
    validate_password("een-lang-wachtwoord-voor-de-test")
