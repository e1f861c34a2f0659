"""VTIMEZONE components in RRULE form (RFC 5545 §3.6.5), from the zone's current rule.

icalendar writes a zone as dated transitions up to 2038, with a COMMENT directly under
VTIMEZONE that §3.8.1.4 does not list there; vobject (Radicale and others use it) then read
every summer time an hour early, so a night event across the last Sunday of October lasted
6 hours instead of 7. A yearly rule ("the last Sunday of March at 02:00") is read right by
icalendar, the `ical` library and vobject, and holds after 2038 too. The rule is the POSIX TZ
string at the end of the zone's TZif file (RFC 8536 §3.3), the one the system itself follows
for future dates. Zones whose rule is not of the usual month-week-day form get icalendar's
dated form."""

import calendar
import datetime
import re
import zoneinfo
from importlib import resources
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

RULE_YEAR = 1970  # DTSTART of each yearly rule: its first occurrence in this year
NAME = r"(?:[A-Za-z]{3,}|<[^>]+>)"
OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
POSIX_TZ = re.compile(
    rf"(?P<std>{NAME})(?P<std_offset>{OFFSET})"
    rf"(?:(?P<dst>{NAME})(?P<dst_offset>{OFFSET})?"
    r",M(?P<start>\d+\.\d\.\d)(?:/(?P<start_time>[+-]?\d+(?::\d+){0,2}))?"
    r",M(?P<end>\d+\.\d\.\d)(?:/(?P<end_time>[+-]?\d+(?::\d+){0,2}))?)?$"
)
DAY_NAMES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]  # POSIX counts from Sunday = 0


def vtimezone(zone_id):
    """A VTIMEZONE for `zone_id` (an IANA name such as "Europe/Amsterdam"): yearly RRULEs
    for a zone with summer time, one STANDARD for a zone without; icalendar's dated form when
    the zone's rule cannot be read."""
    match = POSIX_TZ.match(posix_rule(zone_id) or "")
    if match is None:
        return Timezone.from_tzid(zone_id)
    standard = -seconds(match["std_offset"])  # POSIX offsets are west of Greenwich
    zone = Timezone()
    zone.add("tzid", zone_id)
    if not match["dst"]:
        zone.add_component(observance(TimezoneStandard, match["std"], standard, standard))
        return zone
    summer = -seconds(match["dst_offset"]) if match["dst_offset"] else standard + 3600
    zone.add_component(
        observance(
            TimezoneDaylight, match["dst"], standard, summer, match["start"], match["start_time"]
        )
    )
    zone.add_component(
        observance(
            TimezoneStandard, match["std"], summer, standard, match["end"], match["end_time"]
        )
    )
    return zone


def observance(kind, name, offset_from, offset_to, month_week_day=None, at=None):
    """A STANDARD or DAYLIGHT part: the offsets (seconds east of UTC), and with a POSIX
    "Mm.w.d" a yearly RRULE starting at its first occurrence in RULE_YEAR, at local time `at`
    (POSIX default 02:00)."""
    part = kind()
    part.add("tzname", name.strip("<>"))
    part.add("tzoffsetfrom", datetime.timedelta(seconds=offset_from))
    part.add("tzoffsetto", datetime.timedelta(seconds=offset_to))
    if month_week_day is None:
        part.add("dtstart", datetime.datetime(RULE_YEAR, 1, 1))
        return part
    month, week, weekday = (int(number) for number in month_week_day.split("."))
    time = datetime.timedelta(seconds=seconds(at) if at else 7200)
    day = nth_weekday(RULE_YEAR, month, week, weekday)
    part.add("dtstart", datetime.datetime.combine(day, datetime.time()) + time)
    by_day = f"{-1 if week == 5 else week}{DAY_NAMES[weekday]}"
    part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday=by_day))
    return part


def nth_weekday(year, month, week, weekday):
    """The day of the `week`th `weekday` (POSIX: 0 = Sunday) of a month; week 5 is the last."""
    python_weekday = (weekday - 1) % 7  # Python: 0 = Monday
    days = [
        day
        for day in calendar.Calendar().itermonthdates(year, month)
        if day.month == month and day.weekday() == python_weekday
    ]
    return days[-1] if week == 5 else days[week - 1]


def seconds(text):
    """ "-1" → -3600, "2:30" → 9000: a POSIX offset or time in seconds."""
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    hours, minutes, secs = (parts + [0, 0])[:3]
    return sign * (hours * 3600 + minutes * 60 + secs)


def posix_rule(zone_id):
    """The POSIX TZ string at the end of the zone's TZif file ("CET-1CEST,M3.5.0,M10.5.0/3"),
    from the system's zone files or the tzdata package; None when neither has the zone."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / zone_id
        if path.is_file():
            return footer(path.read_bytes())
    try:
        return footer(resources.files("tzdata.zoneinfo").joinpath(zone_id).read_bytes())
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def footer(tzif):
    """The last line of a version 2+ TZif file (RFC 8536 §3.3), or None."""
    if not tzif.startswith(b"TZif") or tzif[4:5] not in b"23":
        return None
    return tzif.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace") or None
