"""Contributors: invited by an editor, they add an event for their organisation, submit it,
an editor approves it, and it is live with "Toegevoegd door …". What they may not do."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Site, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from website.agenda.factories import EventPageFactory, in_days
from website.agenda.models import AgendaIndexPage, EventPage
from website.articles.models import ArticleIndexPage
from website.contributors.invitations import InvitationTokenGenerator
from website.contributors.models import Contributor
from website.core.models import SiteSettings
from website.mail.models import OutgoingEmail
from website.network.factories import MemberOrganisationFactory
from website.seed.models import SeedRecord
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-voor-de-test"


def editor_client(name="redacteur"):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Redactie"))
    client = Client()
    client.force_login(user)
    return user, client


def invite(client, email, organisation, first_name="Fatima"):
    return client.post(
        reverse("bijdragers:add"),
        {
            "email": email,
            "first_name": first_name,
            "last_name": "",
            "organisation": organisation.pk,
        },
    )


def invitation_link(email):
    """The link in the newest invitation to `email` (the domain may have been lower-cased)."""
    mail = [
        m
        for m in OutgoingEmail.objects.filter(subject__startswith="Uitnodiging").order_by("-pk")
        if [a.lower() for a in m.to] == [email.lower()]
    ][0]
    return re.search(r"http://testserver(/admin/uitnodiging/\S+)", mail.body).group(1)


def accept(link, password=PASSWORD):
    """Follow the mail's link and choose a password: returns the logged-in client."""
    client = Client()
    form_page = client.get(link)
    assert form_page.status_code == 302  # Django moves the token out of the address
    response = client.post(
        form_page.url, {"new_password1": password, "new_password2": password}, follow=True
    )
    assert response.status_code == 200
    return client, response


def contributor_client(organisation, email="fatima@voedselbank.example"):
    _editor, editor = editor_client(f"redacteur-{email.split('@')[0]}")
    invite(editor, email, organisation)
    client, _ = accept(invitation_link(email))
    return client


def agenda():
    return AgendaIndexPage.objects.get()


def event_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": re.sub(r"\W+", "-", title.lower()),
            "introduction": "Samen koken en eten met buren uit de wijk.",
            "kind": "bijeenkomst",
            "dates": inline_formset(
                [{"start_date": in_days(20).isoformat(), "city": "Zwolle", "status": "gepland"}],
                min=1,
            ),
            "body": streamfield([]),
            "themes": [],
            **({action: action} if action else {}),
        }
    )


def add_event(client, title, action="action-submit"):
    url = reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda().pk])
    return client.post(url, event_form(title, action))


def test_invited_contributor_adds_an_event_an_editor_approves_it_and_it_says_who_added_it():
    organisation = MemberOrganisationFactory(name="Voedselbank Zwolle-Zuid")
    editor_user, editor = editor_client()

    response = invite(editor, "Fatima@Voedselbank.example", organisation)
    assert response.status_code == 302
    contributor = Contributor.objects.get(user__email="Fatima@voedselbank.example")
    assert contributor.organisation == organisation
    assert not contributor.user.has_usable_password()
    mail = OutgoingEmail.objects.filter(to=["Fatima@voedselbank.example"]).get()
    assert "Voedselbank Zwolle-Zuid" in mail.subject and "7 dagen" in mail.body
    network = SiteSettings.for_site(Site.objects.get(is_default_site=True)).display_name
    assert network in mail.subject and "site van testserver" not in mail.subject + mail.body

    client, dashboard = accept(invitation_link("Fatima@voedselbank.example"))
    assert "Bijdrager" in dashboard.content.decode() and "Voedselbank Zwolle-Zuid" in text(
        find_one(dashboard.content.decode(), "main")
    )
    contributor.refresh_from_db()
    assert contributor.accepted_at is not None

    response = add_event(client, "Samen eten in Zwolle")
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="samen-eten-in-zwolle")
    assert not event.live
    assert event.contributed_by == organisation
    assert event.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The contributor sees it waiting on their own dashboard.
    own = text(find_one(client.get(reverse("wagtailadmin_home")).content.decode(), "main"))
    assert "Samen eten in Zwolle" in own and "Controle door de redactie" in own

    # The editors get a mail and see it on their dashboard.
    notice = OutgoingEmail.objects.filter(to=[editor_user.email]).latest("pk")
    assert "Samen eten in Zwolle" in notice.subject + notice.body
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Samen eten in Zwolle" in dashboard

    task_state = TaskState.objects.get(
        workflow_state__base_content_type__isnull=False, status="in_progress"
    )
    response = editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    approved = OutgoingEmail.objects.filter(to=["Fatima@voedselbank.example"]).latest("pk")
    assert "Samen eten in Zwolle" in approved.subject + approved.body
    assert "staat nu op de site" in approved.body

    public = Client().get(event.url).content.decode()
    line = find_one(public, "p", class_="contributed-by")
    assert text(line) == "Toegevoegd door Voedselbank Zwolle-Zuid"
    link = find_one(line, "a").get("href")
    assert link.endswith(f"#lid-{organisation.pk}")
    directory = Client().get(link.split("#")[0]).content.decode()
    assert find_all(directory, "li", id=f"lid-{organisation.pk}")


def test_a_rejection_reaches_the_contributor_with_the_comment():
    organisation = MemberOrganisationFactory(name="Kerkgroep De Brug")
    client = contributor_client(organisation, "jan@kerk.example")
    _user, editor = editor_client("redacteur-2")
    add_event(client, "Inloop in de kerk")
    event = EventPage.objects.get(slug="inloop-in-de-kerk")
    task_state = TaskState.objects.get(status="in_progress")
    editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "reject", task_state.pk]),
        {"comment": "Zet de begintijd erbij, graag."},
    )
    event.refresh_from_db()
    assert not event.live
    rejected = OutgoingEmail.objects.filter(to=["jan@kerk.example"]).latest("pk")
    assert "Zet de begintijd erbij, graag." in rejected.body
    assert "vraagt je iets te veranderen" in rejected.body
    assert "afgekeurd" not in (rejected.subject + rejected.body).lower()


def test_a_contributor_cannot_publish():
    client = contributor_client(MemberOrganisationFactory())
    add_event(client, "Zelf gepubliceerd", action="action-publish")
    event = EventPage.objects.get(slug="zelf-gepubliceerd")
    assert not event.live
    assert not event.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert not event.permissions_for_user(event.owner).can_publish()


@pytest.mark.parametrize(
    "listing",
    [
        "/admin/aanmeldingen/",
        "/admin/abonnees/",
        "/admin/bijdragers/",
        "/admin/contactberichten/",
        "/admin/uitgaande-email/",
        "/admin/ingestuurde-verhalen/",
    ],
)
def test_a_contributor_sees_no_personal_data(listing):
    client = contributor_client(MemberOrganisationFactory())
    response = client.get(listing)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")


def test_a_contributor_sees_no_stories_messages_or_outbox_anywhere():
    stories = StoryIndexPage.objects.get()
    draft = StoryPageFactory(
        parent=stories, title="Mijn schulden bij de Belastingdienst", live=False
    )
    client = contributor_client(MemberOrganisationFactory())
    for url in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{stories.pk}/",
        "/admin/pages/search/?q=schulden",
        "/admin/pages/search/?q=Belastingdienst",
    ]:
        body = text(find_one(client.get(url, follow=True).content.decode(), "body"))
        for other in [
            *["Contactberichten", "Uitgaande e-mail", "Aanmeldingen", "Rapporten"],
            draft.title,
        ]:
            assert other not in body, (url, other)
    for url in [
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[draft.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert draft.title not in response.content.decode()


def test_a_contributor_cannot_touch_another_organisations_event():
    ours = MemberOrganisationFactory(name="Buurthuis Ons")
    theirs = MemberOrganisationFactory(name="Buurthuis Hun")
    other = contributor_client(theirs, "ander@hun.example")
    add_event(other, "Hun activiteit")
    event = EventPage.objects.get(slug="hun-activiteit")
    assert event.contributed_by == theirs

    client = contributor_client(ours, "wij@ons.example")
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, event_form("Overgenomen", "action-submit"))
    event.refresh_from_db()
    assert event.title == "Hun activiteit"
    assert event.get_latest_revision_as_object().title == "Hun activiteit"
    delete_url = reverse("wagtailadmin_pages:delete", args=[event.pk])
    client.post(delete_url)
    assert EventPage.objects.filter(pk=event.pk).exists()


def test_a_contributor_edits_their_own_draft():
    client = contributor_client(MemberOrganisationFactory())
    add_event(client, "Eigen activiteit", action="")
    event = EventPage.objects.get(slug="eigen-activiteit")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]), event_form("Eigen activiteit 2", "")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.get_latest_revision_as_object().title == "Eigen activiteit 2"


def test_a_colleague_of_the_same_organisation_may_edit_and_submit_it():
    organisation = MemberOrganisationFactory(name="Buurthuis Samen")
    first = contributor_client(organisation, "eerste@samen.example")
    add_event(first, "Samen koken", action="")
    event = EventPage.objects.get(slug="samen-koken")
    colleague = contributor_client(organisation, "tweede@samen.example")
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert colleague.get(edit_url).status_code == 200
    response = colleague.post(edit_url, event_form("Samen koken en eten", "action-submit"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.get_latest_revision_as_object().title == "Samen koken en eten"
    assert event.workflow_in_progress and not event.live
    # Deleting stays with the one who made it.
    colleague.post(reverse("wagtailadmin_pages:delete", args=[event.pk]))
    assert EventPage.objects.filter(pk=event.pk).exists()


def test_a_contributor_adds_only_their_kinds_of_page():
    client = contributor_client(MemberOrganisationFactory())
    news = ArticleIndexPage.objects.get(pk=SeedRecord.objects.get(key="page:news").object_id)
    book = reverse("wagtailadmin_pages:add", args=["articles", "bookreviewpage", news.pk])
    refused = client.get(book)
    assert refused.status_code == 403 or refused.url == reverse("wagtailadmin_home")
    article = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news.pk])
    assert client.get(article).status_code == 200
    # Not under the publications, which are the editors' own.
    home = agenda().get_parent()
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk])).status_code in (
        302,
        403,
    )
    # The organisation is filled in, not chosen.
    form = client.get(reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda().pk]))
    assert 'name="contributed_by"' not in form.content.decode()


def test_an_editor_chooses_the_organisation_for_an_event():
    organisation = MemberOrganisationFactory(name="Vakbond Oost")
    _user, editor = editor_client()
    url = reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda().pk])
    assert 'name="contributed_by"' in editor.get(url).content.decode()
    data = event_form("Actie bij het ministerie", "action-publish")
    data["contributed_by"] = str(organisation.pk)
    assert editor.post(url, data).status_code == 302
    event = EventPage.objects.get(slug="actie-bij-het-ministerie")
    assert event.live and event.contributed_by == organisation


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


def test_an_event_made_in_code_by_an_editor_is_no_contribution():
    _user, _client = editor_client()
    event = EventPageFactory(parent=agenda(), owner=_user)
    assert event.contributed_by is None


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
