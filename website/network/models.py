"""Who the network is: member organisations, chairmanship terms and the member directory."""

from datetime import date

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PagePermissionTester, RevisionMixin
from wagtail.search import index

from website.core.admin_forms import AdminModelForm
from website.core.filters import FilterForm, choice_field
from website.core.models import BasePage


class MemberOrganisation(RevisionMixin, index.Indexed, models.Model):
    base_form_class = AdminModelForm

    class Kind(models.TextChoices):
        TRADE_UNION = "vakbeweging", _("Vakbeweging")
        CHURCH = "kerken", _("Kerken")
        HUMANIST = "levensbeschouwelijk", _("Humanisten en levensbeschouwelijk")
        BENEFIT_RECIPIENTS = "uitkeringsgerechtigden", _("Uitkeringsgerechtigden")
        CIVIL_SOCIETY = "maatschappelijk", _("Maatschappelijke organisatie")

    class Level(models.TextChoices):
        NATIONAL = "landelijk", _("Landelijk")
        REGIONAL = "regionaal", _("Regionaal")
        LOCAL = "lokaal", _("Lokaal")

    name = models.CharField("Naam", max_length=200, unique=True)
    short_name = models.CharField("Korte naam", max_length=60, blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("Soort", max_length=30, choices=Kind)
    level = models.CharField("Niveau", max_length=20, choices=Level, default=Level.NATIONAL)
    website = models.URLField("Website", blank=True)
    description = models.TextField("Korte beschrijving", blank=True, max_length=600)
    themes = models.ManyToManyField(
        "themes.ThemePage",
        blank=True,
        related_name="member_organisations",
        verbose_name="Thema's",
        help_text="Waar werkt deze organisatie aan?",
    )
    show_logo_in_footer = models.BooleanField(
        "Logo in de voettekst",
        default=True,
        help_text="Het logo staat dan onderaan elke pagina.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("show_logo_in_footer"),
    ]
    # Wagtail's revisions: editors see who changed what ("Geschiedenis") and can go back.
    # The relation deletes an organisation's revisions with it.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="memberorganisation")
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "aangesloten organisatie"
        verbose_name_plural = "aangesloten organisaties"

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def anchor(self):
        """The id of its card on the member directory page ("lid-12")."""
        return f"lid-{self.pk}"

    def public_url(self):
        """str: where a visitor reads about the organisation: its card on the live member
        directory page, else its own website, else "" (one query)."""
        directory = MemberDirectoryPage.objects.live().public().first()
        if directory:
            return f"{directory.get_url()}#{self.anchor}"
        return self.website


class ChairTermQuerySet(models.QuerySet):
    """Who chairs the network follows from the dates alone: no edit when a term turns."""

    def current(self, on=None):
        on = on or timezone.localdate()
        started = Q(start_date__isnull=True) | Q(start_date__lte=on)
        not_ended = Q(end_date__isnull=True) | Q(end_date__gte=on)
        return self.filter(started & not_ended).order_by("-start_date")

    def past(self, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on).order_by("-end_date")

    def upcoming(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__gt=on).order_by("start_date")

    def grouped_by_date(self, on=None):
        """current, past and upcoming terms in one query, ordered like the methods above."""
        on = on or timezone.localdate()
        groups = {"current": [], "past": [], "upcoming": []}
        for term in self:
            groups[term.status_on(on)].append(term)
        groups["current"].sort(key=lambda t: t.start_date or date.min, reverse=True)
        groups["past"].sort(key=lambda t: t.end_date, reverse=True)
        groups["upcoming"].sort(key=lambda t: t.start_date)
        return groups


class ChairTerm(models.Model):
    base_form_class = AdminModelForm

    person_name = models.CharField("Naam", max_length=120)
    role = models.CharField(
        "Functie bij de eigen organisatie",
        max_length=120,
        blank=True,
        help_text="Bijvoorbeeld: bestuurslid, vice-voorzitter.",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name="Organisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chair_terms",
    )
    start_date = models.DateField("Begin", null=True, blank=True, help_text="Leeg: onbekend.")
    end_date = models.DateField("Einde", null=True, blank=True, help_text="Leeg: nog niet bekend.")

    objects = ChairTermQuerySet.as_manager()

    panels = [
        FieldPanel("person_name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])], heading="Periode"
        ),
    ]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = "voorzitterschap"
        verbose_name_plural = "voorzitterschappen"
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="chair_term_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person_name} ({self.period_label})"

    def status_on(self, on):
        if self.start_date and self.start_date > on:
            return "upcoming"
        if self.end_date and self.end_date < on:
            return "past"
        return "current"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Het einde ligt vóór het begin."})

    @cached_property
    def period_label(self):
        start = self.start_date.year if self.start_date else None
        end = self.end_date.year if self.end_date else None
        if start and end:
            return str(start) if start == end else f"{start}–{end}"
        if start:
            return f"vanaf {start}"
        if end:
            return f"tot en met {end}"
        return "periode onbekend"


class MemberFilterForm(FilterForm):
    soort = choice_field(_("Soort organisatie"), MemberOrganisation.Kind.choices, _("Alle soorten"))
    niveau = choice_field(_("Werkgebied"), MemberOrganisation.Level.choices, _("Alle werkgebieden"))

    lookups = {"soort": "kind", "niveau": "level"}


class MemberDirectoryPage(BasePage):
    """All member organisations, filterable by kind and level (filters live in the URL)."""

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Overzicht aangesloten organisaties"
        verbose_name_plural = "Overzichten aangesloten organisaties"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = MemberFilterForm(request.GET)
        organisations = MemberOrganisation.objects.select_related("logo").prefetch_related(
            "logo__renditions"
        )
        context.update(organisations=filters.apply(organisations), filters=filters)
        return context


class OrganisationPermissionTester(PagePermissionTester):
    """Wagtail's "add" permission lets a person edit the pages they own. For a contributor
    (an account with a `contributor` profile, website.contributors) it also covers the pages
    their organisation added, so colleagues can take over each other's work. Deleting stays
    Wagtail's rule (own pages that are not live)."""

    def can_edit(self):
        return super().can_edit() or (
            self.user.is_active
            and "add" in self.permissions
            and self._organisation_id() is not None
            and self._organisation_id() == self.page.contributed_by_id
        )

    def _organisation_id(self):
        return getattr(getattr(self.user, "contributor", None), "organisation_id", None)


class ContributedMixin(models.Model):
    """A page a member organisation can add (through a contributor of that organisation, or
    an editor on its behalf). The page says "Toegevoegd door <organisatie>", and every
    contributor of that organisation may edit it (OrganisationPermissionTester)."""

    contributed_by = models.ForeignKey(
        MemberOrganisation,
        verbose_name="Toegevoegd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "De aangesloten organisatie die dit heeft aangeleverd. De pagina toont "
            "'Toegevoegd door …'. Bij een bijdrager vult de site dit zelf in."
        ),
    )

    # Only those who manage the organisations choose it; a contributor's own organisation
    # is filled in for them (website.contributors.signals).
    contributed_panels = [
        FieldPanel("contributed_by", permission="network.change_memberorganisation"),
    ]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return OrganisationPermissionTester(user, self)
