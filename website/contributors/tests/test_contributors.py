"""Contributors: invited by an editor, they add an event for their organisation, submit it,
an editor approves it, and it is live with "Toegevoegd door …". What they may not do."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site, TaskState, WorkflowState

from website.agenda.factories import EventPageFactory
from website.agenda.models import EventPage
from website.articles.models import ArticleIndexPage
from website.contributors.models import Contributor
from website.contributors.tests.journeys import (
    accept,
    add_event,
    agenda,
    contributor_client,
    editor_client,
    event_form,
    invitation_link,
    invite,
)
from website.core.models import SiteSettings
from website.mail.models import OutgoingEmail
from website.network.factories import MemberOrganisationFactory
from website.seed.models import SeedRecord
from website.stories.factories import StoryPageFactory
from website.stories.models import StoryIndexPage
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def test_invited_contributor_adds_an_event_an_editor_approves_it_and_it_says_who_added_it(
    editors_address,
):
    organisation = MemberOrganisationFactory(name="Voedselbank Zwolle-Zuid")
    editor_user, editor = editor_client()

    response = invite(editor, "Fatima@Voedselbank.example", organisation)
    assert response.status_code == 302
    contributor = Contributor.objects.get(user__email="fatima@voedselbank.example")
    assert contributor.organisation == organisation
    assert not contributor.user.has_usable_password()
    mail = OutgoingEmail.objects.filter(to=["fatima@voedselbank.example"]).get()
    assert "Voedselbank Zwolle-Zuid" in mail.subject and "7 dagen" in mail.body
    network = SiteSettings.for_site(Site.objects.get(is_default_site=True)).display_name
    assert network in mail.subject and "site van testserver" not in mail.subject + mail.body

    client, dashboard = accept(invitation_link("fatima@voedselbank.example"))
    assert "Bijdrager" in dashboard.content.decode() and "Voedselbank Zwolle-Zuid" in text(
        find_one(dashboard.content.decode(), "main")
    )
    contributor.refresh_from_db()
    assert contributor.accepted_at is not None
    # Choosing the first password logs in: no "was jij het niet?" alarm about a new browser.
    subjects = OutgoingEmail.objects.filter(to=["fatima@voedselbank.example"])
    assert not subjects.filter(subject__contains="nieuwe browser").exists()

    response = add_event(client, "Samen eten in Zwolle")
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="samen-eten-in-zwolle")
    assert not event.live
    assert event.contributed_by == organisation
    assert event.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The contributor sees it waiting on their own dashboard.
    own = text(find_one(client.get(reverse("wagtailadmin_home")).content.decode(), "main"))
    assert "Samen eten in Zwolle" in own and "Controle door de redactie" in own

    # The editors get one mail, at their address (not one per editor and superuser), and
    # see it on their dashboard.
    (notice,) = OutgoingEmail.objects.exclude(to=["fatima@voedselbank.example"])
    assert notice.to == [editors_address]
    assert notice.subject == "Ter controle: Samen eten in Zwolle"
    assert "Fatima (Voedselbank Zwolle-Zuid) vraagt de redactie" in notice.body
    assert f"/admin/pages/{event.pk}/edit/" in notice.body
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Samen eten in Zwolle" in dashboard

    task_state = TaskState.objects.get(
        workflow_state__base_content_type__isnull=False, status="in_progress"
    )
    response = editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]),
        {"comment": "Mooi! Ik heb de tijd iets duidelijker gemaakt."},
    )
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    approved = OutgoingEmail.objects.filter(to=["fatima@voedselbank.example"]).latest("pk")
    assert "Samen eten in Zwolle" in approved.subject + approved.body
    assert "staat nu op de site" in approved.body
    # "Goedkeuren met opmerking": the comment reaches the contributor.
    assert 'Dit schreef de redactie erbij: "Mooi! Ik heb de tijd iets duidelijker gemaakt."' in (
        approved.body
    )

    public = Client().get(event.url).content.decode()
    line = find_one(public, "p", class_="contributed-by")
    assert text(line) == "Toegevoegd door Voedselbank Zwolle-Zuid"
    link = find_one(line, "a").get("href")
    assert link.endswith(f"#lid-{organisation.pk}")
    directory = Client().get(link.split("#")[0]).content.decode()
    assert find_all(directory, "li", id=f"lid-{organisation.pk}")


def test_a_rejection_reaches_the_contributor_with_the_comment(editors_address):
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
    # It starts with the greeting, names the button to press again, and sends nobody to
    # Wagtail's notification settings.
    assert rejected.body.startswith("Hallo") or rejected.body.startswith("Hello")
    assert "Opnieuw indienen ter controle" in rejected.body
    assert "/admin/account/" not in rejected.body
    assert "afgekeurd" not in (rejected.subject + rejected.body).lower()

    # One way back for the contributor: "Opnieuw indienen ter controle".
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    form = client.get(edit).content.decode()
    assert "Opnieuw indienen ter controle" in form
    # What to change stands on top of the page, with who asked it.
    notice = text(find_one(form, "div", class_="messages"))
    assert "Gevraagde wijziging (redacteur-2" in notice
    assert "Zet de begintijd erbij, graag." in notice
    assert 'name="action-restart-workflow"' not in form
    # Sent back after the change: one more mail to the editors, saying it is a second look.
    client.post(edit, event_form("Inloop in de kerk", "action-submit"))
    to_editors = OutgoingEmail.objects.filter(to=[editors_address]).order_by("pk")
    assert [mail.subject for mail in to_editors] == [
        "Ter controle: Inloop in de kerk",
        "Opnieuw ter controle: Inloop in de kerk",
    ]


def test_the_reviewer_is_told_what_the_review_did_in_the_editor(editors_address):
    client = contributor_client(MemberOrganisationFactory(), "jan@kerk.example")
    _user, editor = editor_client("redacteur-3")
    add_event(client, "Inloop in de kerk")
    event = EventPage.objects.get(slug="inloop-in-de-kerk")
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    form = event_form("Inloop in de kerk", "action-workflow-action")
    form["workflow-action-name"] = "reject"

    # Without a word about what to change: refused, nothing sent.
    empty = editor.post(
        edit, form | {"workflow-action-extra-data": '{"comment": " "}'}, follow=True
    )
    said = [str(message) for message in empty.context["messages"]]
    assert said == ["Schrijf bij Wijziging vragen wat er anders moet. Er is nog niets verstuurd."]
    assert event.current_workflow_state.status == "in_progress"
    assert not OutgoingEmail.objects.filter(to=["jan@kerk.example"], subject__icontains="kerk")

    extra = '{"comment": "Zet de begintijd erbij."}'
    answer = editor.post(edit, form | {"workflow-action-extra-data": extra}, follow=True)
    said = [str(message) for message in answer.context["messages"]]
    assert said == [
        "Je vraagt om een wijziging aan 'Inloop in de kerk'. Fatima krijgt je opmerking per e-mail."
    ]


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
    stories = StoryIndexPage.objects.get(locale__language_code="nl")
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


def test_a_contributor_is_offered_only_the_kinds_of_page_they_may_add():
    """Under Nieuws the section allows articles, book reviews and article lists; a
    contributor is offered articles alone, so straight to that form. An editor gets all."""
    news = ArticleIndexPage.objects.get(pk=SeedRecord.objects.get(key="page:news").object_id)
    choose = reverse("wagtailadmin_pages:add_subpage", args=[news.pk])
    article = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news.pk])

    contributor = contributor_client(MemberOrganisationFactory())
    assert contributor.get(choose)["Location"] == article
    assert contributor.get(article).status_code == 200

    _editor, editor = editor_client("redacteur-nieuws")
    offered = editor.get(choose)
    assert offered.status_code == 200
    kinds = [link.get("href", "") for link in find_all(offered, "a")]
    assert article in kinds
    assert any("bookreviewpage" in kind for kind in kinds)


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


def test_an_event_made_in_code_by_an_editor_is_no_contribution():
    _user, _client = editor_client()
    event = EventPageFactory(parent=agenda(), owner=_user)
    assert event.contributed_by is None


def test_the_dashboard_names_the_button_the_editor_shows(editors_address):
    """The role panel says which button sends a contribution to the editors; the form has
    a button by that name, in the editors' words ("Indienen ter controle")."""
    client = contributor_client(MemberOrganisationFactory())
    dashboard = text(find_one(client.get(reverse("wagtailadmin_home")).content.decode(), "main"))
    assert "Kies onderaan Indienen ter controle" in dashboard
    form = client.get(reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda().pk]))
    (submit,) = find_all(form.content.decode(), "button", name="action-submit")
    assert text(submit) == "Indienen ter controle"
