"""The agenda: events (one or more dates, each with its own venue), sign-ups per date."""

import uuid
from itertools import groupby

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField

from website.core.admin_forms import AdminPageForm
from website.core.blocks import body_blocks
from website.core.models import BasePage
from website.core.private_links import TOKEN_ROUTE
from website.network.models import ContributedMixin
from website.themes.models import ThemeItem, themes_field, themes_panel

from .choices import EventKind
from .dates import EventDate, EventDateQuerySet, Registration  # noqa: F401 - models of this app
from .forms import AgendaFilterForm
from .ical import calendar_response
from .structured_data import event_json_ld

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
        """The public dates of the events in this agenda. Dates belong to the events in the
        original language (a translation shows its original's dates), so an agenda in
        another language lists the original agenda's dates; `shown_in_language` then puts
        each event's translation on them."""
        return (
            EventDate.objects.public()
            .filter(page__path__startswith=self.original().path)
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
        dates = list(self.dates().for_subscription().exclude(date_label__gt=""))
        shown_in_language(dates, self.locale_id)
        return calendar_response(request, dates, self.title, "agenda.ics")

    @re_path(r"^ical/(?P<kind>[a-z-]+)/$", name="kind_feed")
    def kind_feed_view(self, request, kind):
        if kind not in EventKind.values:
            raise Http404("Onbekende soort")
        dates = self.dates().for_subscription().filter(page__kind=kind)
        dates = list(dates.exclude(date_label__gt=""))
        shown_in_language(dates, self.locale_id)
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
        shown_in_language(listing.object_list, self.locale_id)
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
            breadcrumb_here=_("Archief %(year)s") % {"year": archive_year} if archive_year else "",
        )
        return self.render(request, context_overrides=context)


def shown_in_language(dates, locale_id):
    """Show each of `dates` (EventDates of original-language events) with its event's live,
    public translation in `locale_id` where there is one (`EventDate.shown_page`); the
    others stay in the original language. One query, none for the original locale."""
    pages = {d.page.translation_key for d in dates if d.page.locale_id != locale_id}
    if not pages:
        return
    translations = {
        page.translation_key: page
        for page in EventPage.objects.live()
        .public()
        .filter(locale_id=locale_id, translation_key__in=pages)
        .select_related("organiser")
    }
    for event_date in dates:
        event_date.shown_page = translations.get(event_date.page.translation_key, event_date.page)


class EventPageForm(AdminPageForm):
    """The event editor. A translation's dates are its original's (`ordered_dates`): edited
    by hand (wagtail-localize's "Handmatig bewerken") it needs no date of its own, and one
    added there would be shown nowhere, so it is refused with where to add it instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_translation():
            dates = self.formsets["dates"]
            dates.min_num, dates.validate_min = 0, False

    def is_translation(self):
        page = self.instance
        return bool(page.pk) and page.original().pk != page.pk

    def clean(self):
        cleaned_data = super().clean()
        dates = self.formsets["dates"]
        if (
            self.is_translation()
            and dates.is_valid()
            and any(
                form.cleaned_data and not form.cleaned_data.get("DELETE") for form in dates.forms
            )
        ):
            self.add_error(
                None,
                "Een vertaalde activiteit heeft geen eigen data: ze toont de data van de "
                "Nederlandse pagina. Voeg data daar toe en haal deze datum hier weg.",
            )
        return cleaned_data


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
            help_text="Een reeks zoals de Alliantiedagen: voeg per plaats een datum toe. Een "
            "vertaling heeft geen eigen data: ze toont die van de Nederlandse pagina.",
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

    base_form_class = EventPageForm
    # The dates (and their sign-ups) belong to the original: a translation shows the
    # original's, so places are counted once and a calendar item has one UID in every
    # language. wagtail-localize neither translates nor copies them.
    override_translatable_fields = [BaseTranslatableField("dates")]

    class Meta:
        verbose_name = "Activiteit"
        verbose_name_plural = "Activiteiten"

    def copy_all_child_relations(self, target, exclude=None, commit=False, append=False):
        """A copied event is a new event: its dates get new calendar UIDs. A translation or
        an alias in another language gets none (see `ordered_dates`)."""
        if target.locale_id != self.locale_id:
            exclude = [*(exclude or []), "dates"]
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
            ThemeItem(d.page, d.start_date, _("Activiteit"), f"#datum-{d.pk}", d.when_text)
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
        if not self.organiser_id:
            return ""
        return _("georganiseerd door %(organisation)s") % {"organisation": self.organiser.name}

    def serve(self, request, *args, **kwargs):
        """A translation whose Dutch event is no longer live is gone too: its dates, and
        their sign-ups, belong to that event (404, also for its sign-up and calendar
        routes)."""
        if not self.original().live:
            raise Http404("De Nederlandse activiteit staat niet meer online")
        return super().serve(request, *args, **kwargs)

    @cached_property
    def ordered_dates(self):
        """[EventDate] of this event; for a translation, its original's, shown with this
        page (`EventDate.shown_page`)."""
        original = self.original()
        dates = list(original.dates.all())
        if original.pk != self.pk:
            for event_date in dates:
                event_date.shown_page = self
        return dates

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
