"""Inviting contributors: the link works once and expires, a known or over-long address is
refused in Dutch, removing one removes the account, and logging in works in any case."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from website.agenda.models import EventPage
from website.contributors.invitations import InvitationTokenGenerator
from website.contributors.models import Contributor
from website.contributors.tests.journeys import (
    PASSWORD,
    accept,
    add_event,
    agenda,
    contributor_client,
    editor_client,
    invitation_link,
    invite,
)
from website.network.factories import MemberOrganisationFactory
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def test_the_invitation_works_once():
    organisation = MemberOrganisationFactory()
    _user, editor = editor_client()
    invite(editor, "eens@example.org", organisation)
    link = invitation_link("eens@example.org")
    accept(link)
    page = Client().get(link, follow=True).content.decode()
    assert "werkt niet meer" in text(find_one(page, "h1"))


def test_the_invitation_expires(monkeypatch, settings):
    settings.CONTRIBUTOR_INVITATION_DAYS = 7
    organisation = MemberOrganisationFactory()
    _user, editor = editor_client()
    invite(editor, "laat@example.org", organisation)
    link = invitation_link("laat@example.org")
    real_now = InvitationTokenGenerator._now
    eight_days = 8 * 24 * 3600
    monkeypatch.setattr(
        InvitationTokenGenerator,
        "_now",
        lambda self: real_now(self) + __import__("datetime").timedelta(seconds=eight_days),
    )
    page = Client().get(link, follow=True).content.decode()
    assert "werkt niet meer" in text(find_one(page, "h1"))
    # A new invitation from the list works again.
    monkeypatch.undo()
    contributor = Contributor.objects.get(user__email="laat@example.org")
    editor.post(reverse("bijdragers:reinvite", args=[contributor.pk]))
    accept(invitation_link("laat@example.org"))


def test_inviting_a_known_address_is_refused_in_dutch_and_keeps_the_input():
    organisation = MemberOrganisationFactory()
    _user, editor = editor_client()
    get_user_model().objects.create_user("bestaand", "bestaand@example.org", PASSWORD)
    response = invite(editor, "Bestaand@example.org", organisation, first_name="Piet")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Er is al een account met dit e-mailadres" in body
    assert find_one(body, "input", name="first_name").get("value") == "Piet"
    assert not Contributor.objects.exists()


def test_removing_a_contributor_removes_the_account_and_keeps_their_pages():
    organisation = MemberOrganisationFactory()
    client = contributor_client(organisation, "weg@example.org")
    add_event(client, "Blijft staan")
    contributor = Contributor.objects.get()
    _user, editor = editor_client("redacteur-verwijdert")
    editor.post(reverse("bijdragers:delete", args=[contributor.pk]))
    assert not get_user_model().objects.filter(email="weg@example.org").exists()
    event = EventPage.objects.get(slug="blijft-staan")
    assert event.contributed_by == organisation and event.owner is None


def test_the_login_page_is_dutch():
    page = Client().get(reverse("wagtailadmin_login")).content.decode()
    labels = [text(label) for label in find_all(page, "label")]
    assert any(label.startswith("Wachtwoord") for label in labels), labels
    assert "Password" not in text(find_one(page, "main"))
    assert text(find_one(page, "h1")) == "Inloggen"


def test_a_contributor_logs_in_with_the_address_in_any_case():
    contributor_client(MemberOrganisationFactory(), "Anna.de.Vries@Humanitas.NL")
    for typed in [
        "Anna.de.Vries@Humanitas.NL",
        "anna.de.vries@humanitas.nl",
        " ANNA.DE.VRIES@HUMANITAS.NL ",
    ]:
        response = Client().post(
            reverse("wagtailadmin_login"), {"username": typed, "password": PASSWORD}
        )
        assert response.status_code == 302, typed
    wrong = Client().post(
        reverse("wagtailadmin_login"), {"username": "anna.de.vries@humanitas.nl", "password": "x"}
    )
    assert wrong.status_code == 200


def test_a_contributor_whose_organisation_is_removed_can_no_longer_log_in_or_add():
    organisation = MemberOrganisationFactory(name="Verdwijnt")
    client = contributor_client(organisation, "wees@example.org")
    user = get_user_model().objects.get(email="wees@example.org")
    organisation.delete()
    user.refresh_from_db()
    assert not user.is_active
    # A Bijdrager role given by hand, without an organisation, adds nothing either.
    user.is_active = True
    user.save()
    client.force_login(user)
    add = reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda().pk])
    refused = client.get(add)
    assert refused.status_code == 403 or refused.url == reverse("wagtailadmin_home")


def test_an_address_too_long_to_be_a_user_name_is_refused_in_dutch():
    _user, editor = editor_client()
    address = "a" * 140 + "@example.org"
    response = invite(editor, address, MemberOrganisationFactory())
    assert response.status_code == 200
    assert "Een e-mailadres van meer dan 150 tekens past niet." in response.content.decode()


def test_editors_open_a_contributor_from_the_list_and_invite_again():
    user, editor = editor_client()
    user.first_name, user.last_name = "Rosa", "de Redacteur"
    user.save()
    invite(editor, "later@example.org", MemberOrganisationFactory())
    contributor = Contributor.objects.get()
    listing = editor.get(reverse("bijdragers:index")).content.decode()
    inspect_url = reverse("bijdragers:inspect", args=[contributor.pk])
    assert find_all(listing, "a", href=inspect_url)
    page = editor.get(inspect_url).content.decode()
    button = find_one(page, "form", action=reverse("bijdragers:reinvite", args=[contributor.pk]))
    assert "Opnieuw uitnodigen" in text(button)
    assert "Uitgenodigd door Rosa de Redacteur" in text(find_one(page, "main"))
