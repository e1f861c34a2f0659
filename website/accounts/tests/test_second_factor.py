"""The second factor: set up, asked at login, recovery codes, resets, notices."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from website.mail.models import OutgoingEmail
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-voor-de-test"
HOME = reverse("wagtailadmin_home")
SETUP = reverse("account_second_factor_setup")
VERIFY = reverse("account_second_factor_verify")


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def person(name, role):
    user = get_user_model().objects.create_user(
        name, f"{name}@example.org", PASSWORD, first_name=name.capitalize(), last_name="Jansen"
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user, address="198.51.100.1", agent="Mozilla/5.0 (X11; Linux) Firefox/140.0"):
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def current_code(device):
    device.refresh_from_db()
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits).token()).zfill(6)


def set_up(client, user):
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = find_one(page, "p", class_="second-factor__key")
    assert text(key).replace(" ", "") in re.sub(r"\s", "", page)
    assert "<svg" in page
    response = client.post(SETUP, {"code": current_code(device), "next": HOME}, follow=True)
    return [text(code) for code in find_all(response.content.decode(), "code")]


def test_an_editor_cannot_reach_the_dashboard_without_a_second_factor():
    editor = person("redacteur", "Redactie")
    client = logged_in(editor)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 302
    # A wrong code keeps the page, with a Dutch message and the key.
    wrong = client.post(SETUP, {"code": "000000"}).content.decode()
    assert "Deze code klopt niet" in wrong
    # django-otp makes the next try wait a second after a wrong code; a person takes longer.
    TOTPDevice.objects.get(user=editor).throttle_reset()
    codes = set_up(client, editor)
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    assert client.get(HOME).status_code == 200
    subjects = list(
        OutgoingEmail.objects.filter(to=[editor.email]).values_list("subject", flat=True)
    )
    assert any("tweestapsverificatie" in subject for subject in subjects)

    # The next login asks for the code; a recovery code works once.
    again = logged_in(editor)
    assert again.get(HOME)["Location"].startswith(VERIFY)
    assert (
        again.post(VERIFY, {"code": codes[0].upper().replace("-", " "), "next": HOME})["Location"]
        == HOME
    )
    assert again.get(HOME).status_code == 200
    third = logged_in(editor)
    refused = third.post(VERIFY, {"code": codes[0], "next": HOME})
    assert "Deze code klopt niet of is al gebruikt" in refused.content.decode()
    assert third.get(HOME).status_code == 302


def test_a_contributor_is_offered_one_and_is_asked_for_it_once_set_up():
    contributor = person("bijdrager@example.org", "Bijdrager")
    client = logged_in(contributor)
    assert client.get(HOME).status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Tweestapsverificatie" in account
    set_up(client, contributor)
    assert logged_in(contributor).get(HOME)["Location"].startswith(VERIFY)


def test_wrong_codes_count_like_wrong_passwords():
    editor = person("redacteur", "Redactie")
    set_up(logged_in(editor), editor)
    client = logged_in(editor, address="203.0.113.5")
    for n in range(4):
        client.post(VERIFY, {"code": f"12345{n}"})
    response = client.post(VERIFY, {"code": "123459"}, follow=True)
    assert "te vaak" in response.content.decode()
    assert client.get(HOME).status_code == 302  # logged out
    assert "te vaak" in logged_in_answer(editor)


def logged_in_answer(user):
    client = Client(REMOTE_ADDR="198.51.100.99")
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    return response.content.decode()


def test_only_a_beheerder_takes_away_someone_elses_second_factor():
    editor = person("redacteur", "Redactie")
    set_up(logged_in(editor), editor)
    colleague = person("collega", "Redactie")
    set_up(colleague_client := logged_in(colleague), colleague)
    reset = reverse("account_second_factor_reset", args=[editor.pk])
    colleague_client.post(reset)  # refused: only a Beheerder may
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    administrator = person("beheerder", "Beheerder")
    admin = logged_in(administrator)
    set_up(admin, administrator)
    listing = admin.get(reverse("wagtailusers_users:index")).content.decode()
    assert "Tweestapsverificatie weghalen" in listing
    assert admin.post(reset).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    told = OutgoingEmail.objects.filter(to=[editor.email]).latest("pk")
    assert "weggehaald door Beheerder Jansen" in told.body
    assert logged_in(editor).get(HOME)["Location"].startswith(SETUP)


def test_a_login_from_a_new_browser_is_mailed_once(settings):
    settings.TWO_FACTOR_REQUIRED = False
    editor = person("redacteur", "Redactie")
    first = logged_in(editor, agent="Mozilla/5.0 (Windows NT 10.0) Chrome/140.0 Safari/537")
    mails = OutgoingEmail.objects.filter(to=[editor.email], subject__contains="nieuwe browser")
    assert mails.count() == 1
    assert "Chrome op Windows" in mails.get().body
    first.post(reverse("wagtailadmin_logout"))
    first.post(reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD})
    assert mails.count() == 1  # this browser is known now
    logged_in(editor)
    assert mails.count() == 2


def test_a_changed_password_is_mailed_and_ends_other_sessions(settings):
    settings.TWO_FACTOR_REQUIRED = False
    editor = person("redacteur", "Redactie")
    elsewhere = logged_in(editor)
    here = logged_in(editor)
    new = "een-nieuw-lang-wachtwoord-9"
    response = here.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new,
            "password-new_password2": new,
            **account_form_defaults(here),
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new)
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME).status_code == 302
    assert OutgoingEmail.objects.filter(subject__contains="wachtwoord", to=[editor.email]).exists()


def account_form_defaults(client):
    """The other fields of the account page's form, as the browser would post them."""
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    fields = {}
    for field in find_all(page, "input"):
        name = field.get("name")
        if name and field.get("type") not in ("password", "submit", "checkbox"):
            fields[name] = field.get("value", "")
        elif name and field.get("type") == "checkbox" and field.get("checked") is not None:
            fields[name] = "on"
    for select in find_all(page, "select"):
        chosen = select.find(".//option[@selected]")
        fields[select.get("name")] = chosen.get("value") if chosen is not None else ""
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_an_idle_login_ends(settings):
    settings.TWO_FACTOR_REQUIRED = False
    editor = person("redacteur", "Redactie")
    client = logged_in(editor)
    assert client.get(HOME).status_code == 200
    session = client.session
    session["account_last_seen"] -= settings.ADMIN_IDLE_MINUTES * 60 + 1
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("wagtailadmin_login")
    )
