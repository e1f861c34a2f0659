"""schema.org Event JSON-LD for event pages (one Event per exact date)."""

from django.utils.translation import gettext as _

from website.core.templatetags.core_tags import ld_json

from .choices import Attendance, EventStatus

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.MOVED: "https://schema.org/EventRescheduled",
}

ATTENDANCE_MODE = {
    Attendance.ON_LOCATION: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_data(page, event_date, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventStatus": EVENT_STATUS[event_date.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event_date.attendance],
        "startDate": (event_date.starts_at or event_date.start_date).isoformat(),
    }
    if event_date.ends_at:
        data["endDate"] = event_date.ends_at.isoformat()
    elif event_date.end_date:
        data["endDate"] = event_date.end_date.isoformat()
    if page.introduction:
        data["description"] = page.introduction
    place = {"@type": "Place", "name": event_date.venue_name or event_date.city or "Nederland"}
    address = {"@type": "PostalAddress", "addressCountry": "NL"}
    for key, value in [
        ("streetAddress", event_date.street_address),
        ("postalCode", event_date.postcode),
        ("addressLocality", event_date.city),
        ("addressRegion", event_date.province_name),
    ]:
        if value:
            address[key] = value
    place["address"] = address
    # Online, the way in is signing up on the page: the meeting link itself is private.
    online = {"@type": "VirtualLocation", "name": _("Online, na aanmelding"), "url": url}
    data["location"] = {
        Attendance.ON_LOCATION: place,
        Attendance.ONLINE: online,
        Attendance.HYBRID: [place, online],
    }[event_date.attendance]
    if page.organiser:
        data["organizer"] = {"@type": "Organization", "name": page.organiser.name}
    return data


def event_json_ld(page, request):
    url = page.get_full_url(request)
    events = [event_data(page, d, url) for d in page.ordered_dates if d.has_exact_date]
    if not events:
        return ""
    return ld_json(events[0] if len(events) == 1 else events)
