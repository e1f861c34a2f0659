"""The sign-up form as visitors (and bots) meet it: which dates take sign-ups, what the page
says, Dutch validation that keeps the input, and the shared form protection (honeypot, CSRF,
body size, rate limit, hostile input)."""

import pytest
from django.test import Client

from website.agenda.models import EventDate, Registration
from website.agenda.tests.signups import (
    VALID,
    field,
    post,
    signup_form,
    signup_url,
)
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db


def test_form_page_renders_with_csrf_and_honeypot(client, open_date):
    response = client.get(signup_url(open_date))
    assert response.status_code == 200
    form = signup_form(response)
    assert field(form, "csrfmiddlewaretoken").get("type") == "hidden"
    assert field(form, "csrfmiddlewaretoken").get("value")
    honeypot = find_one(form, "div", "honeypot")
    assert honeypot.get("aria-hidden") == "true"
    assert field(honeypot, "fax_nummer").get("value") == ""
    assert text(find_one(response, "p", "notice")) == "Er zijn nog 2 plaatsen vrij."


def test_event_page_shows_the_weekday_the_address_and_the_places_left(client, open_date):
    post(client, open_date)
    (date,) = find_all(find_one(client.get(open_date.page.url), "article"), "li", "event-date")
    when = text(find_one(date, "p", "event-date__when"))
    weekday = ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag"]
    assert when.startswith(weekday[open_date.start_date.weekday()] + " ")
    assert text(find_one(date, "address")) == "DorpshuisBrink 39411 AB Beilen"  # <br> between
    assert text(find_one(date, "p", "event-date__places")) == "Nog 1 plaats vrij."


def test_validation_errors_are_dutch_and_keep_the_input(client, open_date):
    response = post(client, open_date, name="", email="geen-adres")
    assert response.status_code == 200
    form = signup_form(response)
    summary = find_one(form, "div", "error-summary")
    assert [(link.get("href"), text(link)) for link in find_all(summary, "a")] == [
        ("#id_name", "Je naam: Vul je naam in."),
        ("#id_email", "Je e-mailadres: Vul een e-mailadres in zoals naam@voorbeeld.nl."),
    ]
    assert text(find_one(form, "div", id="id_email_error")) == (
        "Vul een e-mailadres in zoals naam@voorbeeld.nl."
    )
    assert field(form, "email").get("value") == "geen-adres"
    assert text(field(form, "access_needs")) == "Rolstoelplek"
    invalid = [e.get("name") for e in form.iter("input") if e.get("aria-invalid") == "true"]
    assert invalid == ["name", "email"]
    assert Registration.objects.count() == 0


def test_honeypot_refuses_bots(client, open_date):
    response = post(client, open_date, fax_nummer="http://spam.example")
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert "Dit formulier kon niet worden verstuurd" in main_content(response)


HOSTILE = {"name": "<script>alert('x')</script>", "organisation": "<img src=x onerror=alert(1)>"}


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        (HOSTILE, 302),  # stored as typed, escaped wherever it is shown
        (HOSTILE | {"email": "geen-adres"}, 200),  # shown again in the form: escaped
        ({"access_needs": "x" * 5000}, 200),  # too long: refused with a message
    ],
)
def test_hostile_input_is_escaped_or_refused_never_a_500(client, open_date, changes, status):
    response = post(client, open_date, **changes)
    assert response.status_code == status
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    if status == 200:
        assert Registration.objects.count() == 0
        form = signup_form(response)
        assert find_one(form, "div", "error-summary").get("role") == "alert"
        for name, value in changes.items():
            if name in ("name", "organisation", "email"):
                assert field(form, name).get("value") == value  # kept, as text
    else:
        assert Registration.objects.get().name == HOSTILE["name"]


def test_invisible_control_characters_pasted_with_a_name_are_dropped(client, open_date):
    """NUL, a vertical tab from Word and a right-to-left override: nobody means to type them,
    and they break feeds and exports later. Accents and emoji stay."""
    response = post(
        client, open_date, name="Zoë\x00 de\x0b Vries\u202e 🙂", organisation="Café\r\n"
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == "Zoë de Vries 🙂"  # Word's line break: a space on one line
    assert registration.organisation == "Café"


def test_escaped_in_the_admin(admin_client, client, open_date):
    post(client, open_date, name="<script>alert(1)</script>")
    response = admin_client.get("/admin/aanmeldingen/")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_huge_request_body_gets_413(client, open_date):
    response = client.post(signup_url(open_date), VALID | {"access_needs": "x" * 200_000})
    assert response.status_code == 413
    assert "Te veel tekst" in response.content.decode()


def test_rate_limit_answers_429_in_dutch(client, open_date, settings):
    settings.FORM_RATE_LIMIT = (3, 60)
    statuses = [post(client, open_date, email=f"p{n}@example.org").status_code for n in range(4)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429
    refused = post(client, open_date, name="Vijfde Persoon")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    assert "Wacht een minuut en verstuur het dan opnieuw" in main_content(refused)
    assert field(signup_form(refused), "name").get("value") == "Vijfde Persoon"  # nothing lost
    assert Registration.objects.count() == 3
    # Mistakes do not count towards the limit.
    assert post(client, open_date, email="fout").status_code == 200


def test_missing_csrf_token_gets_a_dutch_page(open_date):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(signup_url(open_date), VALID)
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_closed_cancelled_or_past_dates_take_no_signups(client, make_event):
    page = make_event(
        dates=[
            {"days": 5, "registration_open": False},
            {"days": 6, "registration_open": True, "status": "afgelast"},
            {"days": -6, "registration_open": True},
        ]
    )
    closed, cancelled, past = (
        EventDate.objects.filter(page=page).order_by("start_date")[1],
        EventDate.objects.filter(page=page).order_by("start_date")[2],
        EventDate.objects.filter(page=page).order_by("start_date")[0],
    )
    # A past date is gone for good (410); a closed or cancelled one still has a page.
    for event_date, status in ((closed, 200), (cancelled, 200), (past, 410)):
        response = client.post(signup_url(event_date), VALID)
        assert response.status_code == status
        assert text(find_one(response, "h1")) == "Aanmelden is niet (meer) mogelijk"
        assert find_all(response, "form", "form") == []
    assert Registration.objects.count() == 0


def test_page_shows_sign_up_only_for_open_dates(client, make_event):
    page = make_event(
        dates=[
            {"days": 5, "registration_open": True, "city": "Rotterdam"},
            {"days": 8, "registration_open": False, "city": "Roermond"},
        ]
    )
    dates = find_all(find_one(client.get(page.url), "ul", "event-dates"), "li", "event-date")
    buttons = [[text(a) for a in find_all(date, "a", "button")] for date in dates]
    assert len(buttons) == 2
    (open_button,) = buttons[0]
    assert open_button.startswith("Meld je aan voor ")
    assert open_button.endswith(" in Rotterdam")
    assert buttons[1] == []  # Roermond: registration closed


def test_the_kind_is_not_repeated_above_a_title_that_says_it(client, make_event):
    page = make_event(title="Agendacommissie", kind="agendacommissie")
    header = find_one(client.get(page.url), "article")
    assert find_all(header, "p", "kicker") == []
    assert (
        find_all(
            find_one(
                client.get(make_event(title="Alliantiedag Beilen", kind="alliantiedag").url),
                "article",
            ),
            "p",
            "kicker",
        )
        == []
    )
    other = make_event(title="Regiodag Beilen", kind="alliantiedag")
    assert text(find_one(find_one(client.get(other.url), "article"), "p", "kicker")) == (
        "Alliantiedag"
    )


def test_a_past_date_says_so(client, make_event):
    page = make_event(dates=[{"days": -3, "city": "Beilen"}, {"days": 4, "city": "Assen"}])
    dates = find_all(find_one(client.get(page.url), "ul", "event-dates"), "li", "event-date")
    past = [[text(p) for p in find_all(date, "p", "event-date__past")] for date in dates]
    assert past == [["Deze datum is voorbij."], []]


def test_admin_cannot_add_registrations(admin_client, open_date):
    # Wagtail answers a refused admin action with a redirect to the dashboard.
    response = admin_client.get("/admin/aanmeldingen/new/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    posted = admin_client.post("/admin/aanmeldingen/new/", {"name": "A", "email": "a@example.org"})
    assert posted.status_code == 302
    assert posted.headers["Location"] == "/admin/"
    assert Registration.objects.count() == 0


def test_event_page_says_when_a_date_is_full(client, open_date):
    post(client, open_date, email="een@example.org")
    post(client, open_date, email="twee@example.org")
    (date,) = find_all(find_one(client.get(open_date.page.url), "article"), "li", "event-date")
    actions = find_one(date, "p", "event-date__actions")
    assert text(find_one(actions, "span", "notice")) == "Vol: je kunt op de wachtlijst."
    button = find_one(actions, "a", "button")
    assert text(button).startswith("Zet je op de wachtlijst")
    assert button.get("href") == signup_url(open_date)


def test_an_invisible_name_is_no_name_and_addresses_read_left_to_right(client, open_date):
    """Two zero-width spaces pasted as a name are refused as an empty name; the e-mail box
    reads left to right on every page ("naam@" never shows as "@naam" on an Arabic page)."""
    response = client.post(open_date.signup_url(), VALID | {"name": "\u200b\u200b"})
    assert "Vul je naam in." in response.content.decode()
    assert not Registration.objects.exists()
    form = find_one(find_one(client.get(open_date.signup_url()), "main"), "form", "form")
    (email,) = [e for e in form.iter() if e.tag == "input" and e.get("name") == "email"]
    assert email.get("dir") == "ltr"
