"""Online and hybrid dates: the meeting link is on no public page, feed, sitemap or search
result; it is in the mails and the calendar file of people with a place (RFC 7986
CONFERENCE), in the change mail when it changes and in the reminder before the start."""

import datetime
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from website.agenda.models import EventDate, Registration
from website.agenda.registration import send_reminders_due
from website.agenda.tests.signups import calendar_attachments, post
from website.agenda.tests.test_changes import publish_change

pytestmark = pytest.mark.django_db

VOBJECT_READER = (
    "import sys, vobject; print(vobject.readOne(sys.stdin.read()).vevent.conference.value)"
)
LINK = "https://meet.jit.si/Alliantie-Geheim-7Q4x"
NEW_LINK = "https://teams.example.com/l/meetup-join/19%3aNieuw-K2p9"


@pytest.fixture
def online_date(make_event):
    page = make_event(
        title="Online Alliantieraad",
        dates=[
            {
                "days": 12,
                "start_time": datetime.time(19, 30),
                "end_time": datetime.time(21, 0),
                "attendance": "online",
                "meeting_link": LINK,
                "registration_open": True,
                "capacity": 1,
                "reminder_hours": 24,
                "city": "",
                "province": "",
            }
        ],
    )
    return EventDate.objects.get(page=page)


def calendar_event(message):
    (part,) = calendar_attachments(message)
    content = part.get_content()
    IcsCalendarStream.calendar_from_ics(content)  # the strict parser
    (event,) = Calendar.from_ical(content.encode()).walk("VEVENT")
    return event


def test_the_link_is_on_no_public_page_feed_sitemap_or_search_result(client, online_date):
    page = online_date.page
    event_page = client.get(page.url).content.decode()
    assert "Online" in event_page
    assert "Meld je aan, dan krijg je de link per e-mail." in event_page
    agenda = page.get_parent().url
    public = [
        page.url,
        agenda,
        agenda + "ical/",
        online_date.ical_url(),
        online_date.signup_url(),
        "/sitemap.xml",
        "/zoeken/?q=Alliantieraad",
        "/",
    ]
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "meet.jit.si" not in body and "Geheim-7Q4x" not in body, path
    found = client.get("/zoeken/", {"q": "Alliantie-Geheim-7Q4x"}).content.decode()
    assert "Online Alliantieraad" not in found.replace("Alliantie-Geheim-7Q4x", "")
    public_event = Calendar.from_ical(client.get(online_date.ical_url()).content).walk("VEVENT")
    assert str(public_event[0]["LOCATION"]) == "Online"
    assert "CONFERENCE" not in public_event[0]


def test_people_with_a_place_get_the_link_in_their_mail_and_calendar(
    client, online_date, mailoutbox
):
    form = client.get(online_date.signup_url()).content.decode()
    assert 'name="dietary_wishes"' not in form and "rolstoelplek" not in form  # nobody travels
    assert post(client, online_date).status_code == 302
    assert post(client, online_date, email="kees@example.org", name="Kees").status_code == 302
    assert Registration.objects.get(email="fatima@example.org").dietary_wishes == ""
    confirmed, waiting = mailoutbox
    assert f"Doe online mee via deze link:\n{LINK}" in confirmed.body
    event = calendar_event(confirmed)
    assert str(event["CONFERENCE"]) == LINK
    assert event["CONFERENCE"].params["FEATURE"] == "AUDIO,VIDEO"
    assert str(event["LOCATION"]) == LINK  # where calendar apps show a link to click
    assert LINK in str(event["DESCRIPTION"])
    # vobject (Radicale's reader), in a process of its own as in test_ical_readers.
    (part,) = calendar_attachments(confirmed)
    read = subprocess.run(
        [sys.executable, "-c", VOBJECT_READER],
        input=part.get_content(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert read.stdout.strip() == LINK
    assert LINK not in waiting.body  # the waiting list gets it when they move up
    assert not calendar_attachments(waiting)

    first = Registration.objects.get(email="fatima@example.org")
    from website.agenda.registration import cancel  # noqa: PLC0415

    mailoutbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        cancel(first)
    (moved_up,) = [m for m in mailoutbox if m.to == ["kees@example.org"]]
    assert LINK in moved_up.body
    assert str(calendar_event(moved_up)["CONFERENCE"]) == LINK


def test_a_new_link_is_mailed_to_people_with_a_place_only(client, online_date, mailoutbox):
    post(client, online_date)
    post(client, online_date, email="kees@example.org", name="Kees")  # waiting list
    mailoutbox.clear()
    publish_change(online_date, meeting_link=NEW_LINK)
    by_person = {m.to[0]: m for m in mailoutbox}
    told = by_person["fatima@example.org"].body
    assert f"De link om online mee te doen is nieuw:\n{NEW_LINK}" in told
    assert "Was:" not in told  # the time and place stayed the same
    assert str(calendar_event(by_person["fatima@example.org"])["CONFERENCE"]) == NEW_LINK
    assert "teams.example.com" not in by_person["kees@example.org"].body


def test_a_reminder_with_the_link_goes_out_once_the_set_hours_before(
    client, online_date, mailoutbox
):
    post(client, online_date)
    post(client, online_date, email="kees@example.org", name="Kees")  # waiting list
    mailoutbox.clear()
    due = online_date.reminder_due_at
    assert due == online_date.starts_at - datetime.timedelta(hours=24)
    assert send_reminders_due(now=due - datetime.timedelta(minutes=1)) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_reminders_due(now=due + datetime.timedelta(minutes=5)) == 1
    (reminder,) = mailoutbox
    assert reminder.to == ["fatima@example.org"]
    assert reminder.subject.startswith("Herinnering: Online Alliantieraad")
    assert LINK in reminder.body and "/agenda/afmelden/" in reminder.body
    assert str(calendar_event(reminder)["CONFERENCE"]) == LINK
    assert send_reminders_due(now=due + datetime.timedelta(minutes=15)) == 0  # once

    # Moved a day later: reminded again before the new time.
    publish_change(online_date, start_date=online_date.start_date + datetime.timedelta(days=1))
    online_date.refresh_from_db()
    assert online_date.reminded_at is None
    assert send_reminders_due(now=online_date.reminder_due_at + datetime.timedelta(minutes=1)) == 1


def test_a_hybrid_date_shows_its_place_and_mails_the_link_beside_it(client, make_event, mailoutbox):
    page = make_event(
        title="Alliantiedag",
        dates=[
            {
                "days": 12,
                "attendance": "hybride",
                "meeting_link": LINK,
                "registration_open": True,
                "venue_name": "Dorpshuis",
                "city": "Beilen",
            }
        ],
    )
    event_date = EventDate.objects.get(page=page)
    assert event_date.place_text == "Dorpshuis, Beilen en online"
    html = client.get(page.url).content.decode()
    assert "Of doe online mee" in html and LINK not in html
    post(client, event_date)
    event = calendar_event(mailoutbox[0])
    assert str(event["LOCATION"]) == "Dorpshuis, Beilen, Of doe online mee"
    assert str(event["CONFERENCE"]) == LINK
    assert '"MixedEventAttendanceMode"' not in html
    assert "https://schema.org/MixedEventAttendanceMode" in html


def test_an_editor_is_told_when_a_link_or_sign_up_is_missing(make_event):
    page = make_event()
    event_date = EventDate.objects.get(page=page)
    event_date.meeting_link = LINK
    with pytest.raises(ValidationError) as on_location:
        event_date.full_clean()
    assert "meeting_link" in on_location.value.message_dict
    event_date.attendance = "online"
    with pytest.raises(ValidationError) as without_sign_up:
        event_date.full_clean()
    assert "registration_open" in without_sign_up.value.message_dict
    event_date.registration_open = True
    event_date.full_clean()
    assert timezone.now()  # the checks above passed without a database error
