"""Steps of a contributor's journey through the admin, for the contributors' tests: an editor
invites, the person accepts and logs in, adds an event."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from website.agenda.factories import in_days
from website.agenda.models import AgendaIndexPage
from website.mail.models import OutgoingEmail

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
                [
                    {
                        "start_date": in_days(20).isoformat(),
                        "city": "Zwolle",
                        "status": "gepland",
                        "attendance": "op-locatie",
                    }
                ],
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
