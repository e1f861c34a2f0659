"""The agenda: events (one or more dates, each with its own venue), sign-ups per date."""

import datetime
import uuid
from itertools import groupby

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.core.blocks import body_blocks
from website.core.geography import PROVINCE_NAMES, PROVINCES
from website.core.models import BasePage, private_pages_q
from website.core.private_links import TOKEN_ROUTE
from website.network.models import ContributedMixin
from website.themes.models import ThemeItem, themes_field, themes_panel

from .choices import EventKind, EventStatus, local_zone
from .forms import AgendaFilterForm
from .ical import calendar_response
from .structured_data import event_json_ld

#: How far back a subscribed calendar (the agenda's iCal feeds) keeps dates.
SUBSCRIPTION_PAST_DAYS = 365

# --- Pages ----------------------------------------------------------------------


class AgendaIndexPage(RoutablePageMixin, BasePage):
    """Upcoming dates grouped by month, filters in the URL, an archive per year, iCal feeds."""

    per_page = 20
    sample_routes = {"agenda-archive": "archief/"}  # core.samples: screenshots, HTML checker

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "Agenda"
        verbose_name_plural = "Agenda's"

    def dates(self):
        return (
            EventDate.objects.public()
            .filter(page__path__startswith=self.path)
            .select_related("page", "page__organiser")
        )

    # --- Routes -------------------------------------------------------------

    @path("")
    def upcoming_view(self, request):
        dates = self.dates().upcoming()
        return self.render_listing(request, dates, archive_year=None)

    @path("archief/")
    def archive_index_view(self, request):
        years = self.archive_years()
        if not years:
            raise Http404("Nog geen archief")
        return redirect(self.url + self.reverse_subpage("archive_year", args=[years[0]]))

    @re_path(r"^archief/(?P<year>\d{4})/$", name="archive_year")
    def archive_year_view(self, request, year):
        year = int(year)
        if year not in self.archive_years():
            raise Http404("Geen activiteiten in dat jaar")
        dates = self.dates().past().filter(start_date__year=year).order_by("start_date")
        return self.render_listing(request, dates, archive_year=year)

    # Wagtail serves only paths of letters, digits, - and _ ending in /, so no ".ics" in
    # the URL; the Content-Disposition header names the file.
    @path("afmelden/klaar/", name="cancel_done")
    def cancel_done_view(self, request):
        from .views import cancel_done  # noqa: PLC0415 - the views import these models

        return cancel_done(request, self)

    @re_path(rf"^afmelden/{TOKEN_ROUTE}/$", name="cancel")
    def cancel_view(self, request, token):
        """The private link in a sign-up's confirmation mail."""
        from .views import cancel  # noqa: PLC0415 - the views import these models

        return cancel(request, self, token)

    @path("ical/", name="feed")
    def feed_view(self, request):
        dates = self.dates().for_subscription().exclude(date_label__gt="")
        return calendar_response(request, dates, self.title, "agenda.ics")

    @re_path(r"^ical/(?P<kind>[a-z-]+)/$", name="kind_feed")
    def kind_feed_view(self, request, kind):
        if kind not in EventKind.values:
            raise Http404("Onbekende soort")
        dates = self.dates().for_subscription().filter(page__kind=kind)
        dates = dates.exclude(date_label__gt="")
        label = EventKind(kind).label
        return calendar_response(request, dates, f"{self.title}: {label}", f"{kind}.ics")

    # --- Helpers ------------------------------------------------------------

    def archive_years(self):
        today = timezone.localdate()
        return sorted(
            {d.year for d in self.dates().past(today).values_list("start_date", flat=True)},
            reverse=True,
        )

    def render_listing(self, request, dates, archive_year):
        filters = AgendaFilterForm(request.GET)
        dates = filters.apply(dates)
        page_number = request.GET.get("pagina") or 1
        paginator = Paginator(dates, self.per_page)
        listing = paginator.get_page(page_number)
        months = [
            (month, list(items))
            for month, items in groupby(listing.object_list, key=lambda d: d.month_start)
        ]
        context = self.get_context(request)
        context.update(
            listing=listing,
            months=months,
            filters=filters,
            archive_year=archive_year,
            archive_years=self.archive_years(),
            breadcrumb_here=f"Archief {archive_year}" if archive_year else "",
        )
        return self.render(request, context_overrides=context)


class EventPage(ContributedMixin, RoutablePageMixin, BasePage):
    kind = models.CharField("Soort", max_length=30, choices=EventKind, default=EventKind.MEETING)
    organiser = models.ForeignKey(
        "network.MemberOrganisation",
        verbose_name="Organisator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Laat leeg als de Alliantie zelf organiseert.",
    )
    campaign = models.ForeignKey(
        "library.CampaignPage",
        verbose_name="Campagne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    body = StreamField(body_blocks(), blank=True, verbose_name="Beschrijving")
    themes = themes_field()

    content_panels = [
        *BasePage.content_panels,
        *ContributedMixin.contributed_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organiser")]),
        FieldPanel("campaign"),
        InlinePanel(
            "dates",
            label="Datum",
            heading="Data en plaatsen",
            min_num=1,
            help_text="Een reeks zoals de Alliantiedagen: voeg per plaats een datum toe.",
        ),
        FieldPanel("body"),
        themes_panel(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Activiteit"
        verbose_name_plural = "Activiteiten"

    def copy_all_child_relations(self, target, exclude=None, commit=False, append=False):
        """A copied event is a new event: its dates get new calendar UIDs."""
        child_object_map = super().copy_all_child_relations(
            target, exclude=exclude, commit=commit, append=append
        )
        for value in child_object_map.values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, EventDate):
                    child.uid = uuid.uuid4()
        return child_object_map

    @classmethod
    def theme_items(cls, theme, private, limit):
        """For the theme page: an event counts once per date, newest first."""
        dates = (
            EventDate.objects.filter(page__in=cls.objects.live().exclude(private))
            .filter(page__themes=theme)
            .select_related("page")
            .order_by("-start_date")[:limit]
        )
        return [
            ThemeItem(d.page, d.start_date, "Activiteit", f"#datum-{d.pk}", d.when_text)
            for d in dates
        ]

    @property
    def kind_kicker(self):
        """The kind above the title ("Alliantiedag"), or "" when the title already starts with
        it ("Agendacommissie" twice, or above "Alliantiedag Beilen", reads as a mistake)."""
        kind = self.get_kind_display()
        return "" if self.title.casefold().startswith(kind.casefold()) else kind

    @property
    def organiser_text(self):
        """ "georganiseerd door <organisatie>", or "" when the network organises it."""
        return f"georganiseerd door {self.organiser.name}" if self.organiser_id else ""

    @cached_property
    def ordered_dates(self):
        return list(self.dates.all())

    @property
    def is_series(self):
        return len(self.ordered_dates) > 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event_dates"] = self.ordered_dates
        context["event_json_ld"] = event_json_ld(self, request)
        return context

    def event_date_or_404(self, date_id):
        for event_date in self.ordered_dates:
            if event_date.pk == int(date_id):
                return event_date
        raise Http404("Deze datum hoort niet bij deze activiteit")

    @path("ical/", name="ical")
    def ical_view(self, request):
        dates = [d for d in self.ordered_dates if d.has_exact_date]
        if not dates:
            raise Http404("Nog geen vaste datum")
        return calendar_response(request, dates, self.title, f"{self.slug}.ics")

    @re_path(r"^ical/(?P<date_id>\d+)/$", name="date_ical")
    def date_ical_view(self, request, date_id):
        event_date = self.event_date_or_404(date_id)
        if not event_date.has_exact_date:
            raise Http404("Nog geen vaste datum")
        filename = f"{self.slug}-{event_date.start_date.isoformat()}.ics"
        return calendar_response(request, [event_date], self.title, filename, subscription=False)

    @re_path(r"^aanmelden/(?P<date_id>\d+)/$", name="signup")
    def signup_view(self, request, date_id):
        from .views import signup  # noqa: PLC0415 - the views import these models

        return signup(request, self, self.event_date_or_404(date_id))

    @re_path(r"^aanmelden/(?P<date_id>\d+)/bedankt/$", name="signup_done")
    def signup_done_view(self, request, date_id):
        from .views import signup_done  # noqa: PLC0415 - the views import these models

        return signup_done(request, self, self.event_date_or_404(date_id))


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

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="dates")
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
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("province"),
            ],
            heading="Plek",
        ),
        FieldRowPanel([FieldPanel("registration_open"), FieldPanel("capacity")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Datum"
        verbose_name_plural = "Data"

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
        if errors:
            raise ValidationError(errors)

    # --- Presentation ---------------------------------------------------------

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
        if self.date_label:
            return f"{self.date_label} {self.start_date.year}"
        # With the weekday: people plan by the day of the week ("vrijdag 10 oktober 2014").
        text = format_date(self.start_date, "l j F Y")
        if self.end_date and self.end_date != self.start_date:
            text = f"{text} t/m {format_date(self.end_date, 'l j F Y')}"
        if self.start_time:
            text += f", {self.start_time:%H.%M}"
            if self.end_time:
                text += f"–{self.end_time:%H.%M}"
            text += " uur"
        return text

    @property
    def place_text(self):
        parts = [self.venue_name, self.city or self.get_province_display()]
        return ", ".join(part for part in parts if part)

    @property
    def address_lines(self):
        """The venue as people need it to get there: ["Naam van de plek", "Straat 1",
        "1234 AB Plaats"], leaving out what is not filled in (the province when no town)."""
        town = " ".join(part for part in [self.postcode, self.city] if part)
        lines = [self.venue_name, self.street_address, town or self.province_name]
        return [line for line in lines if line]

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

    class Meta:
        verbose_name = "Aanmelding"
        verbose_name_plural = "Aanmeldingen"
        ordering = ["event_date", "created_at", "pk"]
        indexes = [models.Index(fields=["event_date", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} – {self.event_title} ({self.event_when})"

    @property
    def event_start_date(self):
        return self.event_date.start_date if self.event_date else None

    event_start_date.fget.short_description = "Datum"

    @property
    def event_city(self):
        return self.event_date.city if self.event_date else ""

    event_city.fget.short_description = "Plaats"
