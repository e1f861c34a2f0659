"""The three roles made by migration 0002_roles: what each may reach."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Task, Workflow

from website.agenda.models import AgendaIndexPage
from website.library.models import LibraryIndexPage
from website.stories.models import StoryIndexPage
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def member_of(role):
    user = get_user_model().objects.create_user(role.lower(), f"{role.lower()}@example.org", "x")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_the_three_dutch_roles_replace_wagtails_default_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Beheerder", "Redactie", "Bijdrager"} <= names
    assert not names & {"Editors", "Moderators"}
    (workflow,) = Workflow.objects.filter(active=True)
    assert workflow.name == "Controle door de redactie"
    (task,) = Task.objects.all()
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Redactie"]


def test_a_beheerder_may_do_everything():
    user = member_of("Beheerder")
    assert all(
        user.has_perm(f"{p.content_type.app_label}.{p.codename}")
        for p in Permission.objects.select_related("content_type")
    )
    home = AgendaIndexPage.objects.get().get_parent()
    tester = home.permissions_for_user(user)
    assert tester.can_publish() and tester.can_delete()


def test_redactie_has_all_content_and_the_inboxes_but_not_accounts_or_settings():
    user = member_of("Redactie")
    for permission in [
        "agenda.view_registration",
        "stories.view_storysubmission",
        "pages.view_contactmessage",
        "newsletter.view_subscriber",
        "contributors.add_contributor",
        "network.change_memberorganisation",
        "wagtailimages.add_image",
    ]:
        assert user.has_perm(permission), permission
    for permission in ["auth.add_user", "auth.change_group", "core.change_sitesettings"]:
        assert not user.has_perm(permission), permission
    for page in [
        StoryIndexPage.objects.get(locale__language_code="nl"),
        LibraryIndexPage.objects.get(),
    ]:
        tester = page.permissions_for_user(user)
        assert tester.can_edit() and tester.can_publish()
    client = Client()
    client.force_login(user)
    assert client.get("/admin/aanmeldingen/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)


def test_a_bijdrager_may_add_under_agenda_initiatives_and_news_only():
    user = member_of("Bijdrager")
    assert set(
        Permission.objects.filter(group__name="Bijdrager").values_list("codename", flat=True)
    ) == {
        "access_admin",
        "add_image",
        "choose_image",
        "add_document",
        "choose_document",
        "view_memberorganisation",
    }
    may_add = {
        page.specific_class.__name__
        for page in Page.objects.all()
        if page.permissions_for_user(user).can_add_subpage()
    }
    assert may_add == {"AgendaIndexPage", "InitiativeIndexPage", "ArticleIndexPage"}
    news = [
        page.title
        for page in Page.objects.type(Page).specific()
        if page.permissions_for_user(user).can_add_subpage()
        and page.specific_class.__name__ == "ArticleIndexPage"
    ]
    assert news == ["Nieuws"]
    assert not any(page.permissions_for_user(user).can_publish() for page in Page.objects.all())


def test_the_list_of_users_says_each_persons_role_in_flat_queries(admin_client):
    def listing():
        with CaptureQueriesContext(connection) as queries:
            page = admin_client.get("/admin/users/")
        return page, len(queries)

    member_of("Redactie")
    member_of("Bijdrager")
    listing()  # the session's first request does more
    page, few = listing()
    rows = {text(row) for row in find_all(find_one(page, "main"), "tr")}
    assert any("redactie" in row and "Redactie" in row for row in rows)
    assert any("bijdrager" in row and "Bijdrager" in row for row in rows)
    assert any("Beheerder (alles)" in row for row in rows)  # the superuser
    # "Actief" is a check mark named in Dutch, not Python's "True".
    assert not any(" True" in row or " False" in row for row in rows)
    assert any(row.endswith(" Ja") or " Ja " in row for row in rows)
    for number in range(10):
        user = get_user_model().objects.create_user(f"extra{number}", f"e{number}@example.org")
        user.groups.add(Group.objects.get(name="Redactie"))
    assert listing()[1] == few
