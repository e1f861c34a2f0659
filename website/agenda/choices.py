"""The agenda's choices and time zone, apart from the models so that forms, iCal and
structured data can use them without importing the models."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def local_zone():
    """The site's time zone (TIME_ZONE), in which event dates and times are given."""
    return ZoneInfo(settings.TIME_ZONE)


class EventKind(models.TextChoices):
    ALLIANCE_DAY = "alliantiedag", _("Alliantiedag")
    AGENDA_COMMITTEE = "agendacommissie", _("Agendacommissie")
    ALLIANCE_COUNCIL = "alliantieraad", _("AlliantieRaad")
    MINISTER_MEETING = "overleg-bewindspersoon", _("Overleg met bewindspersoon")
    MEETING = "bijeenkomst", _("Bijeenkomst")
    OTHER = "anders", _("Anders")


class EventStatus(models.TextChoices):
    SCHEDULED = "gepland", _("Gepland")
    CANCELLED = "afgelast", _("Afgelast")
    MOVED = "verplaatst", _("Verplaatst")


class Attendance(models.TextChoices):
    """Where people take part: the meeting link of an online date is never public."""

    ON_LOCATION = "op-locatie", _("Op locatie")
    ONLINE = "online", _("Online")
    HYBRID = "hybride", _("Op locatie en online")
