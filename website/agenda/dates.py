"""An event's dates (each with its own venue, status and sign-up) and the sign-ups."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from website.core.geography import PROVINCE_NAMES, PROVINCES
from website.core.languages import language_in_dutch
from website.core.models import private_pages_q

from .choices import Attendance, EventStatus, local_zone

#: How far back a subscribed calendar (the agenda's iCal feeds) keeps dates.
SUBSCRIPTION_PAST_DAYS = 365

# --- Dates --------------------------------------------------------------------


class EventDateQuerySet(models.QuerySet):
    def public(self):
        """Dates of live pages that anyone may see (no login or password restriction)."""

        return self.filter(page__in=Page.objects.live().exclude(private_pages_q()))

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        ends = Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        return self.filter(ends).order_by("start_date", "start_time", "pk")

    def for_subscription(self, today=None):
        """What a subscribed calendar holds: every date from SUBSCRIPTION_PAST_DAYS ago on,
        so yesterday's event stays in people's calendars instead of vanishing."""
        today = today or timezone.localdate()
        since = today - datetime.timedelta(days=SUBSCRIPTION_PAST_DAYS)
        ends = Q(end_date__gte=since) | Q(end_date__isnull=True, start_date__gte=since)
        return self.filter(ends).order_by("start_date", "start_time", "pk")

    def past(self, today=None):
        today = today or timezone.localdate()
        ended = Q(end_date__lt=today) | Q(end_date__isnull=True, start_date__lt=today)
        return self.filter(ended).order_by("-start_date", "-start_time", "-pk")


class EventDate(Orderable):
    """One date of an event, with its own venue, status and sign-up."""

    page = ParentalKey("agenda.EventPage", on_delete=models.CASCADE, related_name="dates")
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    start_date = models.DateField(
        "Datum", help_text="Bij een vage datum: de datum om op te sorteren."
    )
    start_time = models.TimeField("Begintijd", null=True, blank=True, help_text="Leeg: hele dag.")
    end_date = models.DateField(
        "Einddatum", null=True, blank=True, help_text="Alleen bij meer dagen."
    )
    end_time = models.TimeField("Eindtijd", null=True, blank=True)
    date_label = models.CharField(
        "Vage datum",
        max_length=60,
        blank=True,
        help_text="Bijvoorbeeld 'najaar'. Dan tonen we dit in plaats van de datum.",
    )
    status = models.CharField(
        "Status", max_length=12, choices=EventStatus, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        "Toelichting bij de status",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: 'Verplaatst naar 12 november.'",
    )

    attendance = models.CharField(
        "Hoe doe je mee", max_length=12, choices=Attendance, default=Attendance.ON_LOCATION
    )
    meeting_link = models.URLField(
        "Link naar de online bijeenkomst",
        max_length=500,
        blank=True,
        help_text="Bijvoorbeeld van Jitsi, Teams of Zoom. Nooit openbaar: alleen wie is "
        "aangemeld, krijgt de link (in de bevestiging, de herinnering en het agendabestand).",
    )
    reminder_hours = models.PositiveSmallIntegerField(
        "Herinnering (uren van tevoren)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(14 * 24)],
        help_text="Leeg: geen herinnering. Wie is aangemeld, krijgt zoveel uur van tevoren "
        "een e-mail, bij een online bijeenkomst met de link.",
    )
    #: When the reminder went out (set back to empty when the time changes).
    reminded_at = models.DateTimeField(
        "Herinnering verstuurd", null=True, blank=True, editable=False
    )

    venue_name = models.CharField("Naam van de plek", max_length=120, blank=True)
    street_address = models.CharField("Adres", max_length=120, blank=True)
    postcode = models.CharField("Postcode", max_length=10, blank=True)
    city = models.CharField("Plaats", max_length=80, blank=True)
    province = models.CharField("Provincie", max_length=20, choices=PROVINCES, blank=True)

    registration_open = models.BooleanField(
        "Aanmelden kan",
        default=False,
        help_text="Bezoekers melden zich aan op de site; de aanmeldingen ziet alleen de redactie.",
    )
    capacity = models.PositiveIntegerField(
        "Aantal plaatsen",
        null=True,
        blank=True,
        help_text="Leeg: geen maximum. Is het vol, dan komen nieuwe aanmeldingen op de wachtlijst.",
    )

    #: When the time, place or status last changed (people who signed up were told); the
    #: calendar item's SEQUENCE counts from it, so calendar apps take the new version.
    changed_at = models.DateTimeField("Laatst gewijzigd", null=True, blank=True, editable=False)

    objects = EventDateQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
        FieldPanel("date_label"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("meeting_link"),
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("province"),
            ],
            heading="Plek of online",
        ),
        FieldRowPanel([FieldPanel("registration_open"), FieldPanel("capacity")]),
        FieldPanel("reminder_hours"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "datum"
        verbose_name_plural = "data"

    def __str__(self):
        return f"{self.page.title}, {self.when_text}{', ' + self.city if self.city else ''}"

    def clean(self):
        errors = {}
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "De einddatum ligt vóór de begindatum."
        if self.end_time and not self.start_time:
            errors["end_time"] = "Vul ook een begintijd in, of laat de eindtijd leeg."
        if (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = "De eindtijd ligt vóór de begintijd."
        for field, day, time in [
            ("start_time", self.start_date, self.start_time),
            ("end_time", self.end_date or self.start_date, self.end_time),
        ]:
            if day and time and field not in errors and not exists_on_the_clock(day, time):
                errors[field] = (
                    f"Deze tijd bestaat niet op {format_date(day, 'j F Y')}: die nacht gaat de "
                    "klok vooruit (zomertijd) en slaat deze tijd over. Kies een tijd een uur later."
                )
        errors |= self.attendance_errors()
        if errors:
            raise ValidationError(errors)

    def attendance_errors(self):
        """{field: message}: an online link on a date on location, or an online date
        without sign-up (only people who sign up get the link)."""
        if self.meeting_link and not self.is_online:
            return {
                "meeting_link": "Deze datum is op locatie. Kies bij 'Hoe doe je mee' online "
                "of op locatie en online, of laat de link leeg."
            }
        if self.is_online and not self.registration_open:
            return {
                "registration_open": "Zet aanmelden aan: de link van een online bijeenkomst "
                "krijgen alleen mensen die zich aanmelden."
            }
        return {}

    # --- Presentation ---------------------------------------------------------

    @property
    def shown_page(self):
        """The event page to show with this date: the translation in the visitor's language
        where `agenda.models.shown_in_language` or a translated page set one, else `page`."""
        return self.__dict__.get("_shown_page") or self.page

    @shown_page.setter
    def shown_page(self, page):
        self.__dict__["_shown_page"] = page

    @property
    def has_exact_date(self):
        return not self.date_label

    @property
    def is_all_day(self):
        return self.start_time is None

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def month_start(self):
        return self.start_date.replace(day=1)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def starts_at(self):
        if self.is_all_day:
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=local_zone())

    @property
    def ends_at(self):
        if self.is_all_day:
            return None
        if self.end_time:
            return datetime.datetime.combine(self.last_day, self.end_time, tzinfo=local_zone())
        if self.end_date and self.end_date != self.start_date:
            # Several days, no end time: it runs to the end of the last day.
            next_day = self.end_date + datetime.timedelta(days=1)
            return datetime.datetime.combine(next_day, datetime.time(0), tzinfo=local_zone())
        return None

    @property
    def when_text(self):
        """When, in words of the active language: "vrijdag 10 oktober 2014, 19.30–21.00 uur",
        or the vague date ("najaar 2027", as the editor wrote it)."""
        if self.date_label:
            return f"{self.date_label} {self.start_date.year}"
        # With the weekday: people plan by the day of the week ("vrijdag 10 oktober 2014").
        day_format = pgettext("a day with its weekday, Django date format", "l j F Y")
        text = format_date(self.start_date, day_format)
        if self.end_date and self.end_date != self.start_date:
            end = format_date(self.end_date, day_format)
            text = _("%(first_day)s t/m %(last_day)s") % {"first_day": text, "last_day": end}
        if self.start_time:
            clock = clock_text(self.start_time)
            if self.end_time:
                clock = f"{clock}–{clock_text(self.end_time)}"
            text = _("%(day)s, %(time)s uur") % {"day": text, "time": clock}
        return text

    @property
    def is_online(self):
        """Online or hybrid: people can take part through the meeting link."""
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def place_text(self):
        """Where, in a few words: "Dorpshuis, Beilen", "Online", "Beilen en online"."""
        if self.attendance == Attendance.ONLINE:
            return _("Online")
        parts = [self.venue_name, self.city or self.province_name]
        place = ", ".join(part for part in parts if part)
        if self.attendance == Attendance.HYBRID:
            return _("%(place)s en online") % {"place": place} if place else _("Online")
        return place

    @property
    def address_lines(self):
        """The venue as people need it to get there: ["Naam van de plek", "Straat 1",
        "1234 AB Plaats"], leaving out what is not filled in (the province when no town);
        an online date says so on a line of its own (never its link: that is private)."""
        lines = []
        if self.attendance != Attendance.ONLINE:
            town = " ".join(part for part in [self.postcode, self.city] if part)
            lines = [self.venue_name, self.street_address, town or self.province_name]
        if self.is_online:
            lines.append(
                _("Online") if self.attendance == Attendance.ONLINE else _("Of doe online mee")
            )
        return [line for line in lines if line]

    @property
    def reminder_due_at(self):
        """When the reminder goes out (None without one): the set number of hours before
        the start (an all-day date starts at midnight)."""
        if self.reminder_hours is None or not self.has_exact_date:
            return None
        start = self.starts_at or datetime.datetime.combine(
            self.start_date, datetime.time(0), tzinfo=local_zone()
        )
        return start - datetime.timedelta(hours=self.reminder_hours)

    @property
    def province_name(self):
        return PROVINCE_NAMES.get(self.province, "")

    @property
    def is_past(self):
        return self.last_day < timezone.localdate()

    @property
    def accepts_signups(self):
        return self.registration_open and not self.is_cancelled and not self.is_past

    def ical_url(self):
        return self.page.url + self.page.reverse_subpage("date_ical", args=[self.pk])

    def signup_url(self):
        return self.page.url + self.page.reverse_subpage("signup", args=[self.pk])

    # Sign-up numbers for one date (event pages have a handful of dates; listings don't
    # show them).
    def confirmed_count(self):
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count(), 0)


# --- Registrations ------------------------------------------------------------


class Registration(models.Model):
    """A sign-up for one date. Personal data is kept only as long as needed: it is wiped
    on cancellation and deleted a set time after the event (REGISTRATION_RETENTION_DAYS)."""

    class Status(models.TextChoices):
        CONFIRMED = "aangemeld", "Aangemeld"
        WAITING = "wachtlijst", "Op de wachtlijst"
        CANCELLED = "afgemeld", "Afgemeld"

    event_date = models.ForeignKey(
        EventDate,
        verbose_name="Datum",
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    # What the person signed up for, kept if editors later remove the date from the page.
    event_title = models.CharField("Activiteit", max_length=255)
    event_when = models.CharField("Wanneer", max_length=120)
    event_last_day = models.DateField("Laatste dag")

    name = models.CharField("Naam", max_length=120)
    email = models.EmailField("E-mailadres", max_length=254)
    organisation = models.CharField("Organisatie", max_length=120, blank=True)
    access_needs = models.TextField("Toegankelijkheid", max_length=1000, blank=True)
    needs_consented_at = models.DateTimeField(
        "Toestemming voor toegankelijkheid en eten gegeven op",
        null=True,
        blank=True,
        editable=False,
    )
    dietary_wishes = models.TextField("Eten en drinken", max_length=1000, blank=True)

    status = models.CharField("Status", max_length=12, choices=Status)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The cancel link of the move-up mail (the first mail's link keeps working too).
    notice_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField("Aangemeld op", auto_now_add=True)
    promoted_at = models.DateTimeField("Van wachtlijst af op", null=True, blank=True)
    cancelled_at = models.DateTimeField("Afgemeld op", null=True, blank=True)
    # The language of the page the person signed up on: their mails are written in it, and
    # the editors are told.
    language = models.CharField(
        "Taal", max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["event_date", "created_at", "pk"]
        indexes = [models.Index(fields=["event_date", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} – {self.event_title} ({self.event_when})"

    def language_name(self):
        """The language the person signed up in, named in Dutch ("Engels")."""
        return language_in_dutch(self.language)

    language_name.short_description = "Taal"

    @property
    def shown_title(self):
        """The event's title in the active language (its live translation), else the title
        kept at sign-up."""
        if self.event_date is None:
            return self.event_title
        return self.event_date.page.localized.title

    @property
    def shown_when(self):
        """When the date is, in the active language, else as kept at sign-up."""
        return self.event_date.when_text if self.event_date else self.event_when

    @property
    def event_start_date(self):
        return self.event_date.start_date if self.event_date else None

    event_start_date.fget.short_description = "Datum"

    @property
    def event_city(self):
        return self.event_date.city if self.event_date else ""

    event_city.fget.short_description = "Plaats"


def clock_text(time):
    """A time of day as the active language writes it ("19.30" in Dutch): the format is a
    translatable Django date format."""
    return time_format(time, pgettext("time of day, Django date format", "H.i"))


def exists_on_the_clock(day, time):
    """False for a local time the clock skips (the night summer time starts: 2.30 on the
    last Sunday of March in the Netherlands); a calendar would read it as an hour later or
    earlier, each reader differently."""
    naive = datetime.datetime.combine(day, time)
    there = naive.replace(tzinfo=local_zone())
    return there.astimezone(datetime.UTC).astimezone(local_zone()).replace(tzinfo=None) == naive
