"""Lokale aanpak: local initiatives against poverty, found by province, municipality and
theme, in a list first and on a schematic map of the provinces second."""

import re
from itertools import groupby

from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from website.core.blocks import body_blocks
from website.core.fields import PhoneNumberField
from website.core.geography import PROVINCE_NAMES, PROVINCES
from website.core.models import BasePage, ImageWithAltMixin
from website.network.models import ContributedMixin
from website.themes.models import themes_field, themes_panel

from . import municipalities
from .forms import InitiativeFilterForm


class InitiativeIndexPage(BasePage):
    """The overview: an introduction, filters in the URL, the list grouped by province and
    a map of the twelve provinces with counts that leads to the same list."""

    hide_when_empty = True  # core.navigation: out of the menus while it lists nothing

    body = StreamField(body_blocks(), blank=True, verbose_name="Tekst")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["initiatives.InitiativePage"]
    max_count = 1
    per_page = 30

    class Meta:
        verbose_name = "Overzicht lokale initiatieven"
        verbose_name_plural = "Overzichten lokale initiatieven"

    def initiatives(self):
        return (
            InitiativePage.objects.live()
            .public()
            .child_of(self.items_from())
            .order_by("province", "title")
        )

    @classmethod
    def theme_overview(cls, theme, site, request):
        """For the theme page: this overview filtered on the theme, when the theme has
        initiatives (there the visitor sees them per province and on the map)."""
        private = theme.private_sections
        if not InitiativePage.objects.live().exclude(private).filter(themes=theme).exists():
            return None
        overview = cls.objects.live().in_site(site).exclude(private).first()
        if overview is None:
            return None
        url = f"{overview.get_url(request)}?thema={theme.slug}"
        return url, "Bekijk de lokale initiatieven bij dit thema per provincie"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = InitiativeFilterForm(request.GET, self)
        listing = Paginator(filters.apply(self.initiatives()), self.per_page).get_page(
            request.GET.get("pagina") or 1
        )
        provinces = [
            (PROVINCE_NAMES.get(slug, "Overig"), list(items))
            for slug, items in groupby(listing.object_list, key=lambda page: page.province)
        ]
        context.update(
            # Without any initiative there is nothing to filter, count or map.
            has_initiatives=bool(listing.paginator.count) or self.initiatives().exists(),
            filters=filters,
            listing=listing,
            provinces=provinces,
            province_map=self.province_map(filters),
        )
        return context

    def province_map(self, filters):
        """Per province: how many initiatives match the other filters (such as the theme).
        The template links each to the same list filtered on it."""
        place = ("provincie", "gemeente")
        without_place = filters.apply(self.initiatives(), exclude=place)
        counts = dict(without_place.order_by().values_list("province").annotate(count=Count("pk")))
        chosen = filters.values.get("provincie")
        return [
            {
                "slug": slug,
                "name": name,
                "count": counts.get(slug, 0),
                "current": slug == chosen,
            }
            for slug, name in PROVINCES
        ]


class InitiativePage(ContributedMixin, ImageWithAltMixin, BasePage):
    municipality = models.CharField(
        "Gemeente",
        max_length=6,
        choices=municipalities.grouped_choices,
        help_text="De provincie volgt uit de gemeente.",
    )
    province = models.CharField("Provincie", max_length=20, choices=PROVINCES, editable=False)
    website = models.URLField("Website", blank=True)
    contact_email = models.EmailField("E-mailadres", blank=True)
    contact_phone = PhoneNumberField(
        "Telefoonnummer",
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{6,}$",
                "Vul een telefoonnummer in met cijfers, zoals 030 123 45 67 of +31 30 123 45 67.",
            )
        ],
    )
    body = StreamField(body_blocks(), blank=True, verbose_name="Beschrijving")
    themes = themes_field()

    content_panels = [
        *BasePage.content_panels,
        *ContributedMixin.contributed_panels,
        FieldPanel("municipality"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading="Contact",
        ),
        *ImageWithAltMixin.image_panels,
        FieldPanel("body"),
        themes_panel(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("municipality_name"),
        index.FilterField("province"),
    ]
    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []
    search_kind = "Lokaal initiatief"

    class Meta:
        verbose_name = "Lokaal initiatief"
        verbose_name_plural = "Lokale initiatieven"

    def save(self, *args, **kwargs):
        municipality = municipalities.get(self.municipality)
        if municipality:
            self.province = municipality.province
        return super().save(*args, **kwargs)

    @property
    def municipality_name(self):
        return municipalities.name(self.municipality)

    @property
    def phone_link(self):
        """The number for a tel: link: digits with an optional leading +, without the
        "(0)" that people write after a country code."""
        number = self.contact_phone.replace("(0)", "")
        return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)

    @property
    def province_name(self):
        return PROVINCE_NAMES.get(self.province, "")
