"""An editor moves a date's time, then cancels it: everyone signed up gets a mail whose
calendar item updates, then strikes, the event they have (same UID, higher SEQUENCE,
STATUS:CANCELLED), read back by icalendar and the strict `ical` parser."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory, TestCase
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from website.agenda import registration as registrations
from website.agenda.models import EventDate, Registration
from website.agenda.tests.test_signup import calendar_attachments
from website.agenda.wagtail_hooks import count_from_this_publish, say_who_hears_of_the_change
from website.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def calendar_event(message):
    (part,) = calendar_attachments(message)
    assert part.get_param("method") == "PUBLISH"
    content = part.get_content()
    IcsCalendarStream.calendar_from_ics(content)
    (event,) = Calendar.from_ical(content.encode()).walk("VEVENT")
    return event


def publish_change(event_date, **fields):
    """As the editor does it: change the date in the page editor and publish."""
    page = type(event_date.page).objects.get(pk=event_date.page_id)
    dates = list(page.dates.all())
    for date in dates:
        if date.pk == event_date.pk:
            for name, value in fields.items():
                setattr(date, name, value)
    page.dates = dates  # the page's own copy of its dates, as the editor's form sets it
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()


def test_people_signed_up_are_told_of_a_new_time_and_of_a_cancellation(
    client, make_event, mailoutbox
):
    page = make_event(
        title="Alliantiedag",
        dates=[
            {
                "days": 20,
                "start_time": datetime.time(10, 0),
                "registration_open": True,
                "capacity": 2,
                "venue_name": "Dorpshuis",
                "city": "Beilen",
            }
        ],
    )
    event_date = EventDate.objects.get(page=page)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for name in ("an", "bo", "cas"):
            registrations.register(event_date, name=name.title(), email=f"{name}@example.org")
        registrations.register(event_date, name="Weg", email="weg@example.org")
        registrations.cancel(Registration.objects.get(email="weg@example.org"))
    first = {m.to[0]: calendar_event(m) for m in mailoutbox if "aangemeld" in m.subject}
    mailoutbox.clear()

    publish_change(event_date, start_time=datetime.time(13, 30))
    moved = {m.to[0]: m for m in mailoutbox}
    # Two confirmed and one on the waiting list; not the one who cancelled.
    assert sorted(moved) == ["an@example.org", "bo@example.org", "cas@example.org"]
    message = moved["an@example.org"]
    assert message.subject == "Gewijzigd: Alliantiedag"
    assert "Was: " in message.body and "10.00 uur" in message.body
    assert "Nu: " in message.body and "13.30 uur" in message.body
    event = calendar_event(message)
    assert event["UID"] == first["an@example.org"]["UID"]
    assert int(event["SEQUENCE"]) > int(first["an@example.org"]["SEQUENCE"])
    assert event.decoded("DTSTART").time() == datetime.time(13, 30)
    assert "Je staat nog op de wachtlijst" in moved["cas@example.org"].body
    assert Registration.objects.get(email="an@example.org").event_when.endswith("13.30 uur")
    # The list of sign-ups shows one time: the cancelled sign-up's too.
    whens = set(Registration.objects.filter(event_date=event_date).values_list("event_when"))
    assert len(whens) == 1
    # The change mail has a cancel link of its own, and it works.
    link = re.search(r"http://testserver(/\S+/afmelden/\S+/)", message.body)[1]
    assert "Wil je je afmelden?" in client.get(link).content.decode()

    page_html = client.get(page.url).content.decode()
    assert "Gewijzigd op" in page_html

    mailoutbox.clear()
    publish_change(event_date, status="afgelast", status_note="De zaal is niet beschikbaar.")
    cancelled = {m.to[0]: m for m in mailoutbox}
    assert sorted(cancelled) == ["an@example.org", "bo@example.org", "cas@example.org"]
    message = cancelled["bo@example.org"]
    assert message.subject == "Afgelast: Alliantiedag"
    assert "gaat niet door" in message.body and "De zaal is niet beschikbaar." in message.body
    struck = calendar_event(message)
    assert struck["STATUS"] == "CANCELLED"
    assert struck["UID"] == event["UID"]
    assert int(struck["SEQUENCE"]) > int(event["SEQUENCE"])

    assert "Meld je af" not in message.body  # nothing to cancel any more

    mailoutbox.clear()
    publish_change(event_date, status_note="De zaal is niet beschikbaar.")  # nothing changed
    assert mailoutbox == []

    publish_change(event_date, status="gepland", status_note="")  # it goes ahead after all
    (back,) = [m for m in mailoutbox if m.to == ["an@example.org"]]
    was, now = back.body.split("Nu:")
    assert "(afgelast)" in was and "(afgelast)" not in now


def test_deleting_a_date_with_sign_ups_calls_it_off_for_them(make_event, mailoutbox):
    page = make_event(title="Alliantiedag", dates=[{"days": 20, "registration_open": True}])
    event_date = EventDate.objects.get(page=page)
    with TestCase.captureOnCommitCallbacks(execute=True):
        registrations.register(event_date, name="An", email="an@example.org")
    uid = calendar_event(mailoutbox[0])["UID"]
    mailoutbox.clear()
    page = type(page).objects.get(pk=page.pk)
    request = RequestFactory().post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    count_from_this_publish(request, page)  # as the editor's publish starts
    page.dates = []  # the editor deletes the date in the page editor and publishes
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    (message,) = mailoutbox
    assert message.subject == "Afgelast: Alliantiedag"
    struck = calendar_event(message)
    assert (struck["UID"], struck["STATUS"]) == (uid, "CANCELLED")
    # The admin no longer lists her as signed up for a date that does not exist; her data
    # is gone (the mail was made first), and the editor hears how many were told.
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CANCELLED
    assert (registration.name, registration.email) == ("(datum geschrapt)", "afgemeld@invalid")
    assert registration.event_title == "Alliantiedag" and registration.event_date is None
    stored = [mail.subject for mail in OutgoingEmail.objects.all() if "an@example.org" in mail.to]
    assert stored == ["Afgelast: Alliantiedag"]  # the confirmation's cancel link is gone too
    say_who_hears_of_the_change(request, page)
    said = [str(m) for m in get_messages(request)]
    assert said == ["De persoon die zich aanmeldde, krijgt een e-mail over de wijziging."]


def test_the_editor_is_told_who_hears_of_the_change(make_event):
    page = make_event(
        title="Alliantiedag",
        dates=[{"days": 20, "start_time": datetime.time(10, 0), "registration_open": True}],
    )
    event_date = EventDate.objects.get(page=page)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for name in ("an", "bo"):
            registrations.register(event_date, name=name.title(), email=f"{name}@example.org")
    request = RequestFactory().post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    publish_change(event_date, start_time=datetime.time(10, 30))  # not from the editor's view
    count_from_this_publish(request, page)
    publish_change(event_date, start_time=datetime.time(13, 30))
    say_who_hears_of_the_change(request, page)
    say_who_hears_of_the_change(request, page)  # said once, not again at the next publish
    said = [str(message) for message in get_messages(request)]
    assert said == ["De 2 mensen die zich aanmeldden, krijgen een e-mail over de wijziging."]


def test_a_draft_published_for_the_first_time_is_not_marked_changed(make_event, client):
    """A contributor's event sent back for an address and then approved was never seen
    with the old values: no "Gewijzigd op" for visitors."""
    page = make_event(title="Inloopspreekuur")
    # As a contributor's page waits: saved with its dates, never published.
    type(page).objects.filter(pk=page.pk).update(
        live=False, first_published_at=None, last_published_at=None, live_revision=None
    )
    event_date = page.dates.get()
    publish_change(event_date, venue_name="Buurthuis De Brug", city="Zwolle")
    event_date.refresh_from_db()
    assert event_date.venue_name == "Buurthuis De Brug"
    assert event_date.changed_at is None
    assert "Gewijzigd op" not in client.get(page.url).content.decode()
    # A change after that first publication is one visitors must see.
    publish_change(event_date, city="Kampen")
    event_date.refresh_from_db()
    assert event_date.changed_at is not None
    assert "Gewijzigd op" in client.get(page.url).content.decode()
