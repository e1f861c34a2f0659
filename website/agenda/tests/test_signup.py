"""Sign-up: stored first, confirmation with .ics through the outbox, capacity, waiting list,
cancelling by private link, and the shared form protection."""

import re
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client, TestCase
from icalendar import Calendar

from website.agenda import personal_data
from website.agenda import registration as registrations
from website.agenda.models import EventDate, Registration
from website.core.models import OutgoingEmail
from website.core.tasks import retry_due_emails
from website.core.tests.mail_backends import FlakySMTPBackend
from website.core.tests.utils import main_content

pytestmark = pytest.mark.django_db

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


def cancel_link(message):
    return re.search(r"http://testserver(/agenda/afmelden/[^/\s]+/)", message.body)[1]


def test_form_page_renders_with_csrf_and_honeypot(client, open_date):
    response = client.get(signup_url(open_date))
    content = main_content(response)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in content
    assert 'name="fax_nummer"' in content
    assert "Er zijn nog 2 plaatsen vrij." in content


def test_signup_is_stored_and_confirmed_by_mail_with_calendar_file(client, open_date, mailoutbox):
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
    (attachment,) = message.attachments
    assert attachment.filename.endswith(".ics")
    calendar = Calendar.from_ical(attachment.content)
    assert len(calendar.walk("VEVENT")) == 1
    assert "/agenda/afmelden/" in message.body

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
    form = main_content(client.get(signup_url(open_date)))
    assert "Alle plaatsen zijn bezet" in form


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
    assert "Je bent afgemeld" in main_content(done)

    cancelled = Registration.objects.get(status=Registration.Status.CANCELLED)
    assert cancelled.email == "afgemeld@invalid" and cancelled.access_needs == ""
    assert Registration.objects.get(email="drie@example.org").status == "aangemeld"
    assert Registration.objects.get(email="vier@example.org").status == "wachtlijst"
    promoted_mail = mailoutbox[-1]
    assert promoted_mail.to == ["drie@example.org"]
    assert "plaats vrij" in promoted_mail.subject
    assert promoted_mail.attachments[0].filename.endswith(".ics")

    again = client.post(link)
    assert again.status_code == 404
    assert "bestaat niet (meer)" in main_content(again)
    assert client.get("/agenda/afmelden/verzonnen-token/").status_code == 404


def test_validation_errors_are_dutch_and_keep_the_input(client, open_date):
    response = post(client, open_date, name="", email="geen-adres")
    content = main_content(response)
    assert response.status_code == 200
    assert "Vul je naam in." in content
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in content
    assert 'value="geen-adres"' in content and "Rolstoelplek" in content
    assert 'aria-invalid="true"' in content
    assert Registration.objects.count() == 0


def test_honeypot_refuses_bots(client, open_date):
    response = post(client, open_date, fax_nummer="http://spam.example")
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert "Dit formulier kon niet worden verstuurd" in main_content(response)


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "<script>alert('x')</script>", "organisation": "<img src=x onerror=alert(1)>"},
        {"access_needs": "x" * 5000},
        {"name": "Null\x00byte"},
    ],
)
def test_hostile_input_is_escaped_or_refused_never_a_500(client, open_date, changes):
    response = post(client, open_date, **changes)
    assert response.status_code in (200, 302)
    content = response.content.decode()
    assert "<script>alert" not in content and "<img src=x" not in content
    if response.status_code == 200:
        assert Registration.objects.count() == 0


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
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    content = main_content(refused)
    assert "Wacht een minuut en verstuur het dan opnieuw" in content
    assert 'value="Vijfde Persoon"' in content  # nothing typed is lost
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
    for event_date in (closed, cancelled, past):
        response = client.post(signup_url(event_date), VALID)
        assert response.status_code in (200, 410)
        assert "Aanmelden is niet (meer) mogelijk" in main_content(response)
    assert Registration.objects.count() == 0


def test_page_shows_sign_up_only_for_open_dates(client, make_event):
    page = make_event(
        dates=[
            {"days": 5, "registration_open": True, "city": "Rotterdam"},
            {"days": 8, "registration_open": False, "city": "Roermond"},
        ]
    )
    content = main_content(client.get(page.url))
    assert content.count("Meld je aan") == 1


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_keeps_the_signup_and_sends_later(client, open_date, settings):
    flaky = {"BACKEND": "website.core.tests.mail_backends.FlakySMTPBackend"}
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


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_signups_for_the_last_seat_at_the_same_moment(make_event):
    page = make_event(dates=[{"days": 9, "registration_open": True, "capacity": 1}])
    event_date = EventDate.objects.get(page=page)
    barrier = threading.Barrier(2)
    errors = []

    def sign_up(email):
        try:
            barrier.wait(timeout=10)
            registrations.register(event_date, name="Iemand", email=email)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(f"p{n}@example.org",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["aangemeld", "wachtlijst"]


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


def test_admin_cannot_add_registrations(admin_client, open_date):
    assert admin_client.get("/admin/aanmeldingen/new/").status_code in (302, 403, 404)


def test_event_page_says_when_a_date_is_full(client, open_date):
    post(client, open_date, email="een@example.org")
    post(client, open_date, email="twee@example.org")
    content = main_content(client.get(open_date.page.url))
    assert "Vol: je kunt op de wachtlijst." in content and "Zet je op de wachtlijst" in content


def test_access_needs_and_dietary_wishes_are_only_kept_with_their_own_consent(
    client, open_date, mailoutbox
):
    """What someone needs or cannot eat may reveal health or religion (AVG art. 9): kept only
    with explicit consent, from an unticked box."""
    form = main_content(client.get(signup_url(open_date)))
    box = re.search(r'<input[^>]*name="needs_consent"[^>]*>', form)[0]
    assert "checked" not in box and "required" not in box

    refused = post(client, open_date, needs_consent="", access_needs="", name="")
    content = main_content(refused)
    assert refused.status_code == 200 and Registration.objects.count() == 0
    assert "Vink dit vakje aan als de organisatoren je antwoorden mogen gebruiken." in content
    assert "Vegetarisch" in content and 'value="fatima@example.org"' in content
    box = re.search(r'<input[^>]*name="needs_consent"[^>]*>', content)[0]
    assert 'aria-invalid="true"' in box and "id_needs_consent_error" in box

    # Ticked but another field wrong: the tick is kept.
    kept = main_content(post(client, open_date, name=""))
    assert "checked" in re.search(r'<input[^>]*name="needs_consent"[^>]*>', kept)[0]

    without_needs = post(client, open_date, access_needs="  ", dietary_wishes="", needs_consent="")
    assert without_needs.status_code == 302
    registration = Registration.objects.get()
    assert registration.access_needs == "" and registration.needs_consented_at is None

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
