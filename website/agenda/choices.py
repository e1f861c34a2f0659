"""The agenda's choices and time zone, apart from the models so that forms, iCal and
structured data can use them without importing the models."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models


def local_zone():
    """The site's time zone (TIME_ZONE), in which event dates and times are given."""
    return ZoneInfo(settings.TIME_ZONE)


class EventKind(models.TextChoices):
    ALLIANCE_DAY = "alliantiedag", "Alliantiedag"
    AGENDA_COMMITTEE = "agendacommissie", "Agendacommissie"
    ALLIANCE_COUNCIL = "alliantieraad", "AlliantieRaad"
    MINISTER_MEETING = "overleg-bewindspersoon", "Overleg met bewindspersoon"
    MEETING = "bijeenkomst", "Bijeenkomst"
    OTHER = "anders", "Anders"


class EventStatus(models.TextChoices):
    SCHEDULED = "gepland", "Gepland"
    CANCELLED = "afgelast", "Afgelast"
    MOVED = "verplaatst", "Verplaatst"


class Attendance(models.TextChoices):
    """Where people take part: the meeting link of an online date is never public."""

    ON_LOCATION = "op-locatie", "Op locatie"
    ONLINE = "online", "Online"
    HYBRID = "hybride", "Op locatie en online"
