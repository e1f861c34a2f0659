"""Sign-up: stored first, confirmation with .ics through the outbox, capacity, waiting list,
cancelling by private link, and the shared form protection."""

import pytest
from django.test import TestCase
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from website.agenda import personal_data
from website.agenda import registration as registrations
from website.agenda.models import EventDate, Registration
from website.agenda.tests.signups import (
    calendar_attachments,
    cancel_link,
    field,
    post,
    signup_form,
    signup_url,
)
from website.core.models import SiteSettings
from website.mail.models import OutgoingEmail
from website.mail.tasks import retry_due_emails
from website.testing.concurrency import all_at_once, database_for_threads
from website.testing.utils import find_one, main_content, text

pytestmark = pytest.mark.django_db


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
    """A double click or a second try: the first sign-up stands and a seat is taken once.
    The page answers as it would anyone (it reveals nobody's sign-up); the address gets a
    mail saying so, with a cancel link of its own, at most one an hour. After cancelling,
    the address may sign up again."""
    first = post(client, open_date)
    repeat = post(client, open_date, email="  Fatima@Example.ORG ", name="Fatima")
    assert repeat.status_code == 302
    assert repeat.headers["Location"] == first.headers["Location"]  # the same answer
    assert Registration.objects.count() == 1
    confirmation, already = mailoutbox
    assert already.to == ["fatima@example.org"]
    assert "We hebben je niet nog een keer ingeschreven" in already.body
    assert calendar_attachments(already)  # the calendar file again
    post(client, open_date, email="fatima@example.org", name="Fatima de V.")
    assert len(mailoutbox) == 2  # one such mail an hour
    done = main_content(client.get(repeat.headers["Location"]))
    assert "Was je met dit e-mailadres al aangemeld?" in done

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(cancel_link(already))  # the new link works
    assert post(client, open_date).headers["Location"].endswith("status=ok")
    assert Registration.objects.filter(status="aangemeld").count() == 1


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_keeps_the_signup_and_sends_later(client, open_date, mail_server):
    response = post(client, open_date)
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    stored = OutgoingEmail.objects.get()
    assert stored.status == OutgoingEmail.Status.PENDING
    assert "ConnectionRefusedError" in stored.last_error

    mail_server.up()
    OutgoingEmail.objects.update(next_attempt_at=None)
    retry_due_emails.enqueue()
    stored.refresh_from_db()
    assert stored.status == OutgoingEmail.Status.SENT
    assert mail_server.recipients == [["fatima@example.org"]]


@pytest.mark.database
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


def test_the_editors_hear_of_a_cancellation_without_a_name(
    client, open_date, editors_address, mailoutbox
):
    """A volunteer who got "Nieuwe aanmelding" also gets "Afmelding", with the numbers now
    and who moved up, but not the cancelled person's name or address: those are erased."""
    post(client, open_date, email="een@example.org", name="Anneke Jansen")
    post(client, open_date, email="twee@example.org")
    post(client, open_date, email="drie@example.org")
    link = cancel_link(next(m for m in mailoutbox if m.to == ["een@example.org"]))
    sent_before = len(mailoutbox)

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link)

    (notice,) = [m for m in mailoutbox[sent_before:] if m.to == [editors_address]]
    assert notice.subject == f"Afmelding: {open_date.page.title}"
    assert "Iemand heeft zich afgemeld" in notice.body
    assert "De eerste op de wachtlijst heeft de vrije plaats gekregen" in notice.body
    assert "Aangemeld: 2 van de 2 plaatsen" in notice.body
    assert "Op de wachtlijst: 0" in notice.body
    assert f"?event_date={open_date.pk}" in notice.body
    assert "Anneke" not in notice.body and "een@example.org" not in notice.body
    # The erasure holds: nothing stored names her, this notice included.
    assert not OutgoingEmail.objects.filter(body__contains="Anneke").exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(cancel_link(next(m for m in mailoutbox if m.to == ["drie@example.org"])))
    last = [m for m in mailoutbox if m.to == [editors_address]][-1]
    assert "wachtlijst heeft de vrije plaats" not in last.body  # nobody was waiting
    assert "Aangemeld: 1 van de 2 plaatsen" in last.body
