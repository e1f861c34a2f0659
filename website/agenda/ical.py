"""iCalendar (RFC 5545) for events, series dates and feeds, made with the icalendar library."""

import datetime
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText, vUri

from website.core.models import SiteSettings
from website.text import clean_text

from .choices import Attendance, EventStatus, local_zone
from .timezones import vtimezone

PRODID = "-//Website//Agenda//NL"
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def sequence_for(event_date):
    """Raised whenever the event is published again or the date's time, place or status
    changes (seconds since 2020; fits the 32-bit integer calendar apps use until 2088):
    monotonic, so they take the newest version (RFC 5546 §2.1.4). A translation published
    again (a new title) counts too, for its own calendar."""
    page, shown = event_date.page, event_date.shown_page
    moments = [
        page.last_published_at or page.first_published_at,
        event_date.changed_at,
        shown.last_published_at,
    ]
    moments = [moment for moment in moments if moment]
    if not moments:
        return 0
    return max(int((max(moments) - SEQUENCE_EPOCH).total_seconds()), 0)


def organizer_for(site):
    """ORGANIZER (RFC 5545 §3.8.4.3; RFC 5546 §3.2.1 requires it for METHOD:PUBLISH): the
    network's public address with its name, from the site settings; None without one."""
    settings = SiteSettings.for_site(site) if site else None
    if settings is None or not settings.email:
        return None
    organizer = vCalAddress(f"mailto:{settings.email}")
    organizer.params["cn"] = vText(clean_text(settings.organisation_name, single_line=True))
    return organizer


def event_component(event_date, request=None, organizer=None, private=False):
    """One VEVENT for a date. Its URL and the host in its UID come from the page's site
    (the site's root URL, as for every absolute address). Only a `private` one (the file
    mailed to someone signed up) carries an online date's meeting link: as RFC 7986's
    CONFERENCE, at the top of the description, and as the LOCATION of an online-only date
    (where calendar apps show a link to click); public feeds say "Online". Its texts are in
    the active language, its title and link those of `event_date.shown_page`."""
    page = event_date.shown_page
    event = Event()
    url = page.get_full_url(request)
    # The UID must never change: it is the date's own UUID at the site's public host name.
    host = urlsplit(url).hostname or "localhost"
    event.add("uid", f"{event_date.uid}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    if event_date.is_all_day:
        # All-day: DATE values; DTEND is the day after the last day (exclusive).
        event.add("dtstart", event_date.start_date)
        event.add("dtend", event_date.last_day + datetime.timedelta(days=1))
    else:
        event.add("dtstart", event_date.starts_at)
        end = event_date.ends_at or event_date.starts_at + datetime.timedelta(hours=2)  # a guess
        event.add("dtend", end)
    summary = page.title
    if event_date.city and event_date.city not in summary:
        summary = f"{summary} – {event_date.city}"  # tells the dates of a series apart
    if event_date.is_cancelled:
        summary = _("Afgelast: %(title)s") % {"title": summary}
    # RFC 5545 §3.3.11 forbids control characters in TEXT: a strict calendar app refuses
    # the whole calendar for one pasted Word line break.
    event.add("summary", clean_text(summary, single_line=True))
    link = event_date.meeting_link if private and event_date.is_online else ""
    join = _("Doe online mee: %(link)s") % {"link": link} if link else ""
    description = "\n\n".join(
        part for part in [join, event_date.status_note, page.introduction, url] if part
    )
    event.add("description", clean_text(description))
    location = link if link and event_date.attendance == Attendance.ONLINE else ""
    location = location or ", ".join(event_date.address_lines)
    if location:
        event.add("location", vText(clean_text(location, single_line=True)))
    if link:
        event.add(
            "conference",
            vUri(link),
            parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": _("Online bijeenkomst")},
        )
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if event_date.status == EventStatus.CANCELLED else "CONFIRMED")
    event.add("sequence", sequence_for(event_date))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at.astimezone(datetime.UTC))
    if organizer is not None:
        event.add("organizer", organizer)
    return event


def build_calendar(dates, name, request=None, subscription=True, private=False):
    """A VCALENDAR with a VEVENT per date that has an exact day. A `subscription` (a feed
    calendar apps subscribe to) is named `name` (X-WR-CALNAME); the file attached to a mail
    is not, or Outlook opens it as a new calendar instead of adding the event. `private`:
    for someone signed up, with the meeting link (see `event_component`)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if subscription:
        calendar.add("x-wr-calname", clean_text(name, single_line=True))
        calendar.add("x-wr-timezone", str(local_zone()))
    events = 0
    organizer = None
    for event_date in dates:
        if event_date.has_exact_date:
            if events == 0:
                organizer = organizer_for(event_date.page.get_site())
            calendar.add_component(event_component(event_date, request, organizer, private))
            events += 1
    # A VTIMEZONE for each zone the times use (the site's), in RRULE form (agenda.timezones).
    for zone_id in sorted(calendar.get_missing_tzids()):
        calendar.subcomponents.insert(0, vtimezone(zone_id))
    if not events:
        # RFC 5545 needs at least one component, also in an empty feed.
        calendar.add_component(vtimezone(str(local_zone())))
    return calendar


def calendar_bytes(dates, name, request=None, subscription=True, private=False):
    """The calendar as RFC 5545 bytes (CRLF line ends, folded lines)."""
    return build_calendar(dates, name, request, subscription, private).to_ical()


#: The content type of a calendar file attached to a mail: `method` must equal the file's
#: METHOD (RFC 6047 §2.4), or mail clients do not offer "add to calendar".
MAIL_CALENDAR_TYPE = "text/calendar; method=PUBLISH"


def calendar_response(request, dates, name, filename, subscription=True):
    """A calendar download; `subscription=False` for one date to add ("Zet in je agenda"),
    which calendar apps must not open as a calendar of its own."""
    response = HttpResponse(
        calendar_bytes(dates, name, request, subscription),
        content_type="text/calendar; charset=utf-8",
    )
    # RFC 6266: an ASCII name plus filename*=utf-8'' for "Café-avond.ics" (Django's helper,
    # as document downloads use it).
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "public, max-age=900"
    return response
