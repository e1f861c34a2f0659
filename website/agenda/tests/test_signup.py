"""Sign-up: stored first, confirmation with .ics through the outbox, capacity, waiting list,
cancelling by private link, and the shared form protection."""

import email
import email.policy
import re

import pytest
from django.core import mail
from django.test import Client, TestCase
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from website.agenda import personal_data
from website.agenda import registration as registrations
from website.agenda.models import EventDate, Registration
from website.core.models import SiteSettings
from website.mail.models import OutgoingEmail
from website.mail.tasks import retry_due_emails
from website.testing.concurrency import all_at_once, database_for_threads
from website.testing.mail_backends import FlakySMTPBackend
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = [pytest.mark.database, pytest.mark.django_db]

VALID = {
    "name": "Fatima de Vries",
    "email": "fatima@example.org",
    "organisation": "FNV",
    "access_needs": "Rolstoelplek",
    "needs_consent": "on",
    "dietary_wishes": "Vegetarisch",
}


@pytest.fixture
def open_date(make_event):
    page = make_event(
        title="Alliantiedag Beilen",
        dates=[
            {
                "days": 12,
                "registration_open": True,
                "capacity": 2,
                "venue_name": "Dorpshuis",
                "street_address": "Brink 3",
                "postcode": "9411 AB",
                "city": "Beilen",
            }
        ],
    )
    return EventDate.objects.get(page=page)


def signup_url(event_date):
    return event_date.signup_url()


def post(client, event_date, **changes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(signup_url(event_date), VALID | changes)


def signup_form(response):
    """The sign-up form of a page (parsed), with the fields in it."""
    return find_one(find_one(response, "main"), "form", "form")


def field(form, name):
    """The input or textarea called `name` in `form`."""
    (found,) = [e for e in form.iter() if e.tag in ("input", "textarea") and e.get("name") == name]
    return found


def calendar_attachments(message):
    """The calendar parts of a sent mail, read back from its raw bytes by Python's email
    package, as a mail client sees them."""
    raw = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    return [part for part in raw.iter_attachments() if part.get_content_type() == "text/calendar"]


def cancel_link(message):
    return re.search(r"http://testserver(/agenda/afmelden/[^/\s]+/)", message.body)[1]


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


def test_signup_is_stored_and_confirmed_by_mail_with_calendar_file(client, open_date, mailoutbox):
    site_settings = SiteSettings.for_site(open_date.page.get_site())
    site_settings.organisation_name, site_settings.email = (
        "Sociale Alliantie",
        "info@alliantie.example",
    )
    site_settings.save()
    response = post(client, open_date)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("bedankt/?status=ok")

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "fatima@example.org"
    assert registration.access_needs == "Rolstoelplek"
    assert registration.needs_consented_at is not None
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT

    (message,) = mailoutbox
    assert message.to == ["fatima@example.org"]
    assert "Je bent aangemeld" in message.subject
    (attachment,) = calendar_attachments(message)
    assert attachment.get_filename().endswith(".ics")
    # "Add this event", not a new calendar: method= equals the file's METHOD (RFC 6047),
    # no calendar name, and an organizer (RFC 5546 PUBLISH).
    assert attachment.get_param("method") == "PUBLISH"
    content = attachment.get_content().encode()
    IcsCalendarStream.calendar_from_ics(content.decode())  # the strict parser
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "PUBLISH"
    assert "X-WR-CALNAME" not in calendar
    (event,) = calendar.walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:info@alliantie.example"
    assert event["ORGANIZER"].params["CN"] == "Sociale Alliantie"
    assert "/agenda/afmelden/" in message.body
    assert "Dorpshuis\nBrink 3\n9411 AB Beilen" in message.body  # the way there

    done = client.get(response.headers["Location"])
    assert "Je bent aangemeld" in main_content(done)


def test_full_date_puts_people_on_the_waiting_list(client, open_date, mailoutbox):
    post(client, open_date, email="een@example.org")
    post(client, open_date, email="twee@example.org")
    response = post(client, open_date, email="drie@example.org")
    assert response.headers["Location"].endswith("status=wachtlijst")
    waiting = Registration.objects.get(email="drie@example.org")
    assert waiting.status == Registration.Status.WAITING
    assert "wachtlijst" in mailoutbox[-1].subject
    assert mailoutbox[-1].attachments == []
    notice = find_one(client.get(signup_url(open_date)), "p", "notice")
    assert "notice--warning" in notice.get("class").split()
    assert text(notice).startswith("Alle plaatsen zijn bezet.")


def test_cancelling_frees_the_seat_for_the_first_on_the_waiting_list(client, open_date, mailoutbox):
    post(client, open_date, email="een@example.org")
    post(client, open_date, email="twee@example.org")
    post(client, open_date, email="drie@example.org")
    post(client, open_date, email="vier@example.org")
    link = cancel_link(mailoutbox[0])

    confirm = client.get(link)
    assert "Wil je je afmelden?" in main_content(confirm)

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(link)
    assert done.status_code == 302
    assert done.headers["Location"] == "/agenda/afmelden/klaar/"
    assert "Je bent afgemeld" in main_content(client.get(done.headers["Location"]))

    cancelled = Registration.objects.get(status=Registration.Status.CANCELLED)
    assert cancelled.email == "afgemeld@invalid"
    assert cancelled.access_needs == ""
    assert Registration.objects.get(email="drie@example.org").status == "aangemeld"
    assert Registration.objects.get(email="vier@example.org").status == "wachtlijst"
    promoted_mail = mailoutbox[-1]
    assert promoted_mail.to == ["drie@example.org"]
    assert "plaats vrij" in promoted_mail.subject
    assert calendar_attachments(promoted_mail)[0].get_filename().endswith(".ics")
    assert "Brink 3" in promoted_mail.body
    # The move-up mail has a cancel link of its own; the first mail's link works too.
    new_link = cancel_link(promoted_mail)
    assert new_link != cancel_link(mailoutbox[2])
    for either in (new_link, cancel_link(mailoutbox[2])):
        assert "Wil je je afmelden?" in main_content(client.get(either))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(new_link)
    # Both mails with a link for this sign-up are forgotten, not only the one used.
    assert not OutgoingEmail.objects.filter(to=["drie@example.org"]).exists()

    again = client.post(link)
    assert again.status_code == 404
    assert "bestaat niet (meer)" in main_content(again)
    assert client.get("/agenda/afmelden/verzonnen-token/").status_code == 404


def test_the_same_address_signs_up_once_per_date(client, open_date, mailoutbox):
    """A double click or a second try: the first sign-up stands, the visitor is told so, and a
    seat is taken once. After cancelling, the address may sign up again."""
    post(client, open_date)
    repeat = post(client, open_date, email="  Fatima@Example.ORG ", name="Fatima")
    assert repeat.status_code == 302
    assert repeat.headers["Location"].endswith("bedankt/?status=al-aangemeld")
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1
    done = main_content(client.get(repeat.headers["Location"]))
    assert "Je was al aangemeld" in done
    assert "Meld je dan af met die link" in done

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(cancel_link(mailoutbox[0]))
    assert post(client, open_date).headers["Location"].endswith("status=ok")
    assert Registration.objects.filter(status="aangemeld").count() == 1


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


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_keeps_the_signup_and_sends_later(client, open_date, settings):
    flaky = {"BACKEND": "website.testing.mail_backends.FlakySMTPBackend"}
    settings.MAILERS = {"default": flaky, "delivery": flaky}
    FlakySMTPBackend.server_is_down = True
    try:
        response = post(client, open_date)
        assert response.status_code == 302
        assert Registration.objects.count() == 1
        stored = OutgoingEmail.objects.get()
        assert stored.status == OutgoingEmail.Status.PENDING

        FlakySMTPBackend.server_is_down = False
        OutgoingEmail.objects.update(next_attempt_at=None)

        retry_due_emails.enqueue()
        stored.refresh_from_db()
        assert stored.status == OutgoingEmail.Status.SENT
        assert [m.to for m in mail.outbox] == [["fatima@example.org"]]
    finally:
        FlakySMTPBackend.server_is_down = True


@pytest.mark.parametrize(("seats", "people"), [(1, 2), (2, 6)])
@pytest.mark.django_db(transaction=True)
def test_signups_for_the_last_seats_at_the_same_moment(make_event, tmp_path, seats, people):
    """Never more confirmed sign-ups than seats, however many people press at once: on
    PostgreSQL the date's row is locked, on SQLite each sign-up takes the write lock when
    its transaction starts (IMMEDIATE) and the others wait for it."""
    page = make_event(dates=[{"days": 9, "registration_open": True, "capacity": seats}])
    event_date = EventDate.objects.get(page=page)
    emails = [f"p{n}@example.org" for n in range(people)]

    with database_for_threads(tmp_path):
        errors = all_at_once(
            lambda email: registrations.register(event_date, name="Iemand", email=email), emails
        )
        statuses = []
        all_at_once(
            lambda _: statuses.extend(Registration.objects.values_list("status", flat=True)),
            [None],
        )

    assert errors == []
    assert sorted(statuses) == ["aangemeld"] * seats + ["wachtlijst"] * (people - seats)


def test_deleting_or_raising_capacity_moves_the_waiting_list_up(client, open_date, mailoutbox):
    for n in range(4):
        post(client, open_date, email=f"p{n}@example.org")
    assert Registration.objects.filter(status="wachtlijst").count() == 2
    with TestCase.captureOnCommitCallbacks(execute=True):
        Registration.objects.get(email="p0@example.org").delete()  # an editor deletes one
    assert Registration.objects.get(email="p2@example.org").status == "aangemeld"
    with TestCase.captureOnCommitCallbacks(execute=True):
        EventDate.objects.filter(pk=open_date.pk).update(capacity=3)
        open_date.refresh_from_db()
        open_date.save()  # as publishing the page does
    assert Registration.objects.get(email="p3@example.org").status == "aangemeld"


def test_no_promotion_mail_for_a_cancelled_date(client, open_date, mailoutbox):
    for n in range(3):
        post(client, open_date, email=f"p{n}@example.org")
    EventDate.objects.filter(pk=open_date.pk).update(status="afgelast")
    first = Registration.objects.get(email="p0@example.org")
    registrations.cancel(first)
    assert Registration.objects.get(email="p2@example.org").status == "wachtlijst"


def test_cancelling_erases_the_stored_mails_with_the_private_link(client, open_date, mailoutbox):
    post(client, open_date)
    link = cancel_link(mailoutbox[0])
    assert OutgoingEmail.objects.count() == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link)
    assert not OutgoingEmail.objects.filter(body__contains=link.split("/")[-2]).exists()


def test_cancelling_one_sign_up_keeps_the_mails_of_another(client, make_event, mailoutbox):
    first, second = (
        EventDate.objects.get(page=make_event(dates=[{"days": d, "registration_open": True}]))
        for d in (5, 9)
    )
    post(client, first)
    post(client, second)
    keep = cancel_link(mailoutbox[1])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(cancel_link(mailoutbox[0]))
    assert OutgoingEmail.objects.filter(body__contains=keep.split("/")[-2]).count() == 1
    assert "Wil je je afmelden?" in main_content(client.get(keep))


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


def test_access_needs_and_dietary_wishes_are_only_kept_with_their_own_consent(
    client, open_date, mailoutbox
):
    """What someone needs or cannot eat may reveal health or religion (AVG art. 9): kept only
    with explicit consent, from an unticked box."""
    box = field(signup_form(client.get(signup_url(open_date))), "needs_consent")
    assert box.get("type") == "checkbox"
    assert box.get("checked") is None
    assert box.get("required") is None

    refused = post(client, open_date, needs_consent="", access_needs="", name="")
    assert refused.status_code == 200
    assert Registration.objects.count() == 0
    form = signup_form(refused)
    error = text(find_one(form, "div", id="id_needs_consent_error"))
    assert error.startswith(
        "Vink dit vakje aan als de organisatoren je antwoorden mogen gebruiken."
    )
    assert text(field(form, "dietary_wishes")) == "Vegetarisch"
    assert field(form, "email").get("value") == "fatima@example.org"
    box = field(form, "needs_consent")
    assert box.get("aria-invalid") == "true"
    assert "id_needs_consent_error" in box.get("aria-describedby").split()

    # Ticked but another field wrong: the tick is kept.
    kept = signup_form(post(client, open_date, name=""))
    assert field(kept, "needs_consent").get("checked") is not None

    without_needs = post(client, open_date, access_needs="  ", dietary_wishes="", needs_consent="")
    assert without_needs.status_code == 302
    registration = Registration.objects.get()
    assert registration.access_needs == ""
    assert registration.needs_consented_at is None

    with_needs = post(client, open_date, email="iemand@example.org")
    assert with_needs.status_code == 302
    registration = Registration.objects.get(email="iemand@example.org")
    assert registration.needs_consented_at is not None
    (exported,) = personal_data.export("iemand@example.org")
    assert exported["toestemming voor toegankelijkheid en eten gegeven op"] == (
        registration.needs_consented_at.isoformat()
    )

    link = cancel_link(next(m for m in mailoutbox if "iemand@example.org" in m.to))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link)
    registration.refresh_from_db()
    assert registration.access_needs == registration.dietary_wishes == ""
    assert registration.needs_consented_at is None
