"""Every .ics the site writes, read by three independent readers, each in a fresh process
(vobject registers the time zones it reads for the whole process): icalendar, `ical` and
vobject (Radicale's). Times around the summer-time changes, in summer and winter, and after
2038, where icalendar's dated VTIMEZONE stopped."""

import datetime
import json
import subprocess
import sys

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from website.agenda.models import EventDate
from website.agenda.tests.signups import calendar_attachments
from website.agenda.tests.signups import post as sign_up_for

pytestmark = pytest.mark.django_db

READER = r"""
import datetime, json, sys
library, path = sys.argv[1:]
text = open(path, encoding="utf-8").read()
utc = datetime.timezone.utc
if library == "vobject":
    import vobject
    events = [(e.dtstart.value, e.dtend.value) for e in vobject.readOne(text).vevent_list]
elif library == "icalendar":
    import icalendar
    calendar = icalendar.Calendar.from_ical(text)
    events = [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in calendar.walk("VEVENT")]
else:
    from ical.calendar_stream import IcsCalendarStream
    events = [(e.dtstart, e.dtend) for e in IcsCalendarStream.calendar_from_ics(text).events]
moments = [[s.astimezone(utc).isoformat(), e.astimezone(utc).isoformat()] for s, e in events]
print(json.dumps(sorted(moments)))
"""
READERS = ["icalendar", "ical", "vobject"]

D = datetime.date
T = datetime.time
# (date, end date, start, end) in Amsterdam time → (start, end) in UTC.
CASES = [
    # The night the clocks go back (last Sunday of October): seven hours, not six.
    ((D(2026, 10, 24), D(2026, 10, 25), T(22), T(4)), ("2026-10-24T20:00", "2026-10-25T03:00")),
    # The night they go forward (last Sunday of March): five hours.
    ((D(2027, 3, 27), D(2027, 3, 28), T(22), T(4)), ("2027-03-27T21:00", "2027-03-28T02:00")),
    ((D(2027, 10, 30), D(2027, 10, 31), T(22), T(4)), ("2027-10-30T20:00", "2027-10-31T03:00")),
    ((D(2027, 7, 15), None, T(19, 30), T(21)), ("2027-07-15T17:30", "2027-07-15T19:00")),
    ((D(2027, 1, 20), None, T(19, 30), T(21)), ("2027-01-20T18:30", "2027-01-20T20:00")),
    ((D(2040, 7, 1), None, T(12), T(17)), ("2040-07-01T10:00", "2040-07-01T15:00")),
]


def read_with(library, content, tmp_path):
    path = tmp_path / f"{library}.ics"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-c", READER, library, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [[moment[:16] for moment in pair] for pair in json.loads(result.stdout)]


@pytest.fixture
def night_and_day(make_event):
    dates = [
        {"start_date": day, "end_date": last, "start_time": start, "end_time": end}
        for (day, last, start, end), _ in CASES
    ]
    return make_event(title="Nachtwake en dagen", dates=dates)


EXPECTED = sorted([list(utc) for _, utc in CASES])


@pytest.mark.parametrize("library", READERS)
def test_every_reader_reads_the_feed_at_the_same_moments(client, night_and_day, library, tmp_path):
    feed = client.get(night_and_day.url + "ical/").content
    assert b"COMMENT" not in feed and b"RRULE:FREQ=YEARLY" in feed
    assert read_with(library, feed, tmp_path) == EXPECTED


def test_the_calendar_in_a_sign_up_mail_reads_the_same_everywhere(client, make_event, tmp_path):
    (day, last, start, end), utc = CASES[2]  # ahead: sign-ups are open
    page = make_event(
        dates=[
            {
                "start_date": day,
                "end_date": last,
                "start_time": start,
                "end_time": end,
                "registration_open": True,
            }
        ]
    )
    sign_up_for(client, page.dates.get(), email="fatima@example.org")
    (confirmation,) = [m for m in mail.outbox if m.to == ["fatima@example.org"]]
    (attachment,) = calendar_attachments(confirmation)
    content = attachment.get_content().encode()
    for library in READERS:
        assert read_with(library, content, tmp_path) == [list(utc)], library


@pytest.mark.parametrize(
    ("day", "start", "end", "refused"),
    [
        (D(2027, 3, 28), T(2, 30), T(3, 30), "start_time"),  # the clock skips 2.00–3.00
        (D(2027, 3, 28), T(1, 0), T(2, 15), "end_time"),
        (D(2028, 3, 26), T(2, 0), None, "start_time"),
        (D(2027, 3, 28), T(3, 0), T(4, 0), None),  # just after the jump
        (D(2027, 3, 28), T(1, 59), None, None),
        (D(2027, 10, 31), T(2, 30), T(3, 30), None),  # happens twice: a real time
    ],
)
def test_a_time_the_clock_skips_is_refused_saying_why(make_event, day, start, end, refused):
    page = make_event()
    event_date = EventDate(page=page, start_date=day, start_time=start, end_time=end)
    if refused is None:
        event_date.clean()
        return
    with pytest.raises(ValidationError) as error:
        event_date.clean()
    (message,) = error.value.message_dict[refused]
    assert "Deze tijd bestaat niet op" in message and "zomertijd" in message
