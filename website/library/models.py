"""What the network publishes: publications with files, campaigns, talks with ministers."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import CollectionViewRestriction, Orderable
from wagtail.search import index

from website.agenda.models import EventDate
from website.caching.content_cache import remember
from website.core.blocks import body_blocks
from website.core.feeds import FeedRoutesMixin
from website.core.filters import FilterForm, choice_field
from website.core.models import BasePage, ImageWithAltMixin
from website.endorsements.models import EndorsableMixin
from website.themes.models import ThemePage, themes_field, themes_panel

# PostgreSQL's tsvector holds at most 1 MB: keep a page's file text well below that.
MAX_PAGE_FILE_TEXT = 300_000


def _in_restricted(collection, restricted_ids):
    if not restricted_ids:
        return False
    return any(c.pk in restricted_ids for c in [collection, *collection.get_ancestors()])


class PublicationKind(models.TextChoices):
    PARLIAMENT_LETTER = "kamerbrief", "Kamerbrief"
    MANIFESTO = "manifest", "Manifest"
    IMPROVEMENTS = "verbetervoorstellen", "Verbetervoorstellen"
    PROJECT_PLAN = "projectplan", "Projectplan"
    WORK_PROGRAMME = "werkprogramma", "Werkprogramma"
    PROPOSAL_LETTER = "voorstellenbrief", "Voorstellenbrief"
    REPORT = "verslag", "Verslag"
    RESPONSE = "reactie", "Reactie"
    ESSAY = "essay", "Essay"
    RESEARCH_REPORT = "rapport", "Rapport"
    LETTER = "brief", "Brief"
    OTHER = "anders", "Anders"


class LibraryIndexPage(FeedRoutesMixin, BasePage):
    """All publications, newest first; filters by kind, year, campaign and theme live in the
    URL."""

    hide_when_empty = True  # core.navigation: out of the menus while it lists nothing

    per_page = 20
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["library.PublicationPage", "library.CampaignPage", "library.TalksIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "Documentenoverzicht"
        verbose_name_plural = "Documentenoverzichten"

    def publications(self):
        return (
            PublicationPage.objects.live()
            .public()
            .descendant_of(self.items_from())
            .select_related("campaign", "image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")
        )

    def feed_items(self):
        return self.publications()

    @path("")
    def index_view(self, request):
        filters = LibraryFilterForm(request.GET, self)
        publications = filters.apply(self.publications())
        listing = Paginator(publications, self.per_page).get_page(request.GET.get("pagina") or 1)
        context = self.get_context(request) | {"listing": listing, "filters": filters}
        return self.render(request, context_overrides=context)


class LibraryFilterForm(FilterForm):
    """Kind, year, campaign and theme; the years and campaigns are the ones in this library,
    the themes every published theme."""

    # The kinds' Dutch names are translation ids (website.search.kinds).
    soort = choice_field(
        _("Soort document"),
        [(value, _(label)) for value, label in PublicationKind.choices],  # noqa: INT001
        _("Alle soorten"),
    )
    jaar = choice_field(_("Jaar"), [], _("Alle jaren"))
    campagne = choice_field(_("Campagne"), [], _("Alle campagnes"))
    thema = choice_field(_("Thema"), [], _("Alle thema's"))

    lookups = {
        "soort": "kind",
        "jaar": "date__year",
        "campagne": "campaign__slug",
        "thema": "themes__slug",
    }

    def __init__(self, data, index_page):
        super().__init__(data, scope=index_page.pk)
        choices = remember("library-filters", lambda: self.choices(index_page), index_page.pk)
        for name, extra in choices.items():
            self.fields[name].choices += extra
        for name in ("campagne", "thema"):
            if len(self.fields[name].choices) == 1:
                del self.fields[name]

    @staticmethod
    def choices(index_page):
        """{field name: [(value, label)]} of the years, campaigns and themes on offer."""
        publications = PublicationPage.objects.live().public().descendant_of(index_page)
        years = [d.year for d in publications.dates("date", "year", order="DESC")]
        campaigns = CampaignPage.objects.live().public().descendant_of(index_page).order_by("-pk")
        themes = ThemePage.objects.live().public().order_by("title")
        return {
            "jaar": [(str(year), str(year)) for year in years],
            "campagne": [(c.slug, c.title) for c in campaigns],
            "thema": [(t.slug, t.title) for t in themes],
        }


class CampaignPage(RoutablePageMixin, EndorsableMixin, BasePage):
    """A dossier such as "Najaarsactie 2016": its publications, events and talks in time;
    people may endorse it (`EndorsableMixin`) once editors switch that on."""

    body = StreamField(body_blocks(), blank=True, verbose_name="Tekst")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        *EndorsableMixin.endorsement_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Campagne"
        verbose_name_plural = "Campagnes"

    def timeline(self):
        """Publications, talks and event dates of this campaign, oldest first."""

        items = [
            (p.date, "publication", p)
            for p in PublicationPage.objects.live().public().filter(campaign=self)
        ]
        items += [
            (t.date, "talk", t) for t in TalkPage.objects.live().public().filter(campaign=self)
        ]
        items += [
            (d.start_date, "event", d)
            for d in EventDate.objects.public().filter(page__campaign=self).select_related("page")
        ]
        return sorted(items, key=lambda item: (item[0], item[1]))

    def get_context(self, request, *args, **kwargs):
        return super().get_context(request, *args, **kwargs) | {"timeline": self.timeline()}


class PublicationPage(RoutablePageMixin, EndorsableMixin, ImageWithAltMixin, BasePage):
    """A report, letter or manifesto with its files; a manifesto may collect endorsements
    (`EndorsableMixin`)."""

    date = models.DateField("Datum", default=timezone.localdate)  # today, unless changed
    kind = models.CharField("Soort", max_length=30, choices=PublicationKind)
    addressee = models.CharField(
        "Gericht aan",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: Vaste Kamercommissie SZW.",
    )
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name="Campagne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    body = StreamField(body_blocks(), blank=True, verbose_name="Tekst")
    themes = themes_field()
    file_pending_note = models.CharField(
        "Bestand volgt",
        max_length=200,
        blank=True,
        help_text="Nog geen bestand? Schrijf wat er komt, bijvoorbeeld: 'Het verslag volgt later.'",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("addressee"),
        PageChooserPanel("campaign", "library.CampaignPage"),
        InlinePanel("files", label="Bestand", heading="Bestanden"),
        FieldPanel("file_pending_note"),
        # The cover: above the download, and the picture when the page is shared.
        *ImageWithAltMixin.image_panels,
        FieldPanel("body"),
        themes_panel(),
        *EndorsableMixin.endorsement_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("addressee"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.SearchField("file_text"),
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Publicatie"
        verbose_name_plural = "Publicaties"
        ordering = ["-date"]

    @property
    def search_date(self):
        return self.date

    @property
    def search_kind(self):
        return self.get_kind_display()

    @cached_property
    def available_files(self):
        """The files with a document, once per request (the page asks twice)."""
        return [item for item in self.files.select_related("document") if item.document_id]

    def file_text(self, cached=False):
        """The words inside this publication's files, for search. Files in a collection
        with a view restriction stay out: their text must not leak through search.
        `cached`: from the content cache (search snippets; the index reads it fresh)."""

        def build():
            restricted = set(
                CollectionViewRestriction.objects.values_list("collection_id", flat=True)
            )
            texts = [
                f"{item.document.title} {item.document.extracted_text}"
                for item in self.files.select_related("document__collection")
                if not _in_restricted(item.document.collection, restricted)
            ]
            return " ".join(texts)[:MAX_PAGE_FILE_TEXT]

        return remember("file-text", build, self.pk) if cached else build()


class PublicationFile(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "core.CustomDocument", verbose_name="Bestand", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        "Linktekst", max_length=200, blank=True, help_text="Leeg: de titel van het bestand."
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    def __str__(self):
        return self.label or self.document.title


class TalksIndexPage(BasePage):
    """'Overleg bewindspersoon': the yearly talks with the minister, newest first."""

    hide_when_empty = True  # core.navigation: out of the menus while it lists nothing

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = ["library.TalkPage"]
    max_count = 1

    class Meta:
        verbose_name = "Overzicht overleg bewindspersoon"
        verbose_name_plural = "Overzichten overleg bewindspersoon"

    def get_context(self, request, *args, **kwargs):
        talks = (
            TalkPage.objects.live()
            .public()
            .child_of(self.items_from())
            .select_related("proposal_letter", "report")
            .order_by("-date")
        )
        return super().get_context(request, *args, **kwargs) | {"talks": talks}


class TalkPage(BasePage):
    date = models.DateField("Datum", default=timezone.localdate)  # today, unless changed
    minister = models.CharField(
        "Bewindspersoon", max_length=120, help_text="Bijvoorbeeld: Jetta Klijnsma."
    )
    minister_role = models.CharField(
        "Functie",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: staatssecretaris van Sociale Zaken en Werkgelegenheid.",
    )
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name="Campagne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks",
    )
    proposal_letter = models.ForeignKey(
        PublicationPage,
        verbose_name="Voorstellenbrief",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        PublicationPage,
        verbose_name="Verslag",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_pending_note = models.CharField(
        "Verslag volgt",
        max_length=200,
        blank=True,
        help_text="Nog geen verslag? Bijvoorbeeld: 'Een verslag volgt later.'",
    )
    body = StreamField(body_blocks(), blank=True, verbose_name="Tekst")

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("minister")]),
        FieldPanel("minister_role"),
        PageChooserPanel("campaign", "library.CampaignPage"),
        PageChooserPanel("proposal_letter", "library.PublicationPage"),
        PageChooserPanel("report", "library.PublicationPage"),
        FieldPanel("report_pending_note"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("minister"),
        index.SearchField("body"),
    ]
    parent_page_types = ["library.TalksIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Overleg bewindspersoon"
        verbose_name_plural = "Overleggen bewindspersoon"

    @staticmethod
    def visible(page):
        """A linked letter or report counts only when visitors can open it."""
        if page is None or not page.live or page.get_view_restrictions().exists():
            return None
        return page

    @property
    def visible_proposal_letter(self):
        return self.visible(self.proposal_letter)

    @property
    def visible_report(self):
        return self.visible(self.report)

    @property
    def search_date(self):
        return self.date
