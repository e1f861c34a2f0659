"""Themes connect the network's work: every content type and member can carry themes; a
theme page gathers all of it, newest first, with the organisations that work on it.

This app sits below the content apps: they import `themes_field()` from here, and the theme
page finds what they contribute without importing them. A themed page type may define
`theme_items(theme, private, limit) -> list[ThemeItem]` (events list their dates) and an
overview page type `theme_overview(theme, site, request) -> (url, label) | None`."""

import datetime
import functools
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Count, F
from django.utils import timezone, translation
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Site, get_page_models

from website.caching.content_cache import remember
from website.core.feeds import FeedRoutesMixin, PageListRssFeed
from website.core.models import BasePage, ImageWithAltMixin, page_kind, private_pages_q


class ThemesIndexPage(BasePage):
    hide_when_empty = True  # core.navigation: out of the menus while it lists nothing

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["themes.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = "Overzicht thema's"
        verbose_name_plural = "Overzichten thema's"

    def get_context(self, request, *args, **kwargs):
        themes = ThemePage.objects.live().public().child_of(self.items_from()).order_by("title")
        return super().get_context(request, *args, **kwargs) | {"themes": themes}


class ThemePage(FeedRoutesMixin, ImageWithAltMixin, BasePage):
    content_panels = [*BasePage.content_panels, *ImageWithAltMixin.image_panels]
    parent_page_types = ["themes.ThemesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Thema"
        verbose_name_plural = "Thema's"

    def tagged_items(self, limit=60):
        """Everything on this theme, across content types, newest first (one query per
        content type, however many items there are). A type with `theme_items` lists its
        own items (events: once per date). Pages are tagged with the Dutch theme: a
        translated theme page lists its original's items (in Dutch, marked so)."""
        theme = self.original()
        items = []
        for model in themed_page_models():
            if hasattr(model, "theme_items"):
                items += model.theme_items(theme, self.private_sections, limit)
                continue
            pages = (
                model.objects.live()
                .exclude(self.private_sections)
                .filter(themes=theme)
                .order_by(newest_first(model))
            )
            items += [ThemeItem(page, item_date(page), page_kind(page)) for page in pages[:limit]]
        return sorted(items, key=lambda item: item.date, reverse=True)[:limit]

    def items_in_their_language(self):
        """`tagged_items`, their dates written in the language of the pages they are from:
        a translated theme lists the Dutch items (see `tagged_items`)."""
        if self.original().pk == self.pk:
            return self.tagged_items()
        with translation.override(settings.LANGUAGE_CODE):
            return self.tagged_items()

    @cached_property
    def private_sections(self):
        """Pages behind a login or password, asked once per request, not per content type."""
        return private_pages_q()

    def feed_items(self):
        return self.tagged_items(limit=PageListRssFeed.limit)

    def get_context(self, request, *args, **kwargs):
        # Member organisations name this relation (network.MemberOrganisation.themes).
        def members():
            return list(self.original().member_organisations.order_by("name"))

        # The same for everyone until content changes (or, for event dates, the day).
        today = timezone.localdate()
        return super().get_context(request, *args, **kwargs) | {
            "items": remember("theme-items", self.items_in_their_language, self.pk, today),
            "members": remember("theme-members", members, self.pk),
            "overviews": remember("theme-overviews", lambda: self.overviews(request), self.pk),
        }

    def overviews(self, request):
        """Links to overview pages filtered on this theme, e.g. the local initiatives per
        province: [(url, label)], from every page type with `theme_overview`."""
        site = Site.find_for_request(request) or self.get_site()
        links = [model.theme_overview(self, site, request) for model in overview_page_models()]
        return [link for link in links if link]


@dataclass
class ThemeItem:
    """One thing on a theme, as the theme page and its feeds show it: a page, or one date
    of an event (then `anchor` points at that date)."""

    page: Page
    date: datetime.date
    kind: str
    anchor: str = ""
    when_text: str = ""

    @property
    def title(self):
        return self.page.title

    @property
    def url(self):
        return self.page.url + self.anchor

    @property
    def introduction(self):
        return self.page.introduction

    @property
    def last_published_at(self):
        return self.page.last_published_at

    @property
    def author(self):
        return getattr(self.page, "author", "")

    @property
    def search_kind(self):
        return self.kind


@functools.cache
def themed_page_models():
    """Every page type that carries themes (a subclass sharing its parent's field, such as
    the book review, is found through its parent)."""
    models = []
    for model in get_page_models():
        field = next((f for f in model._meta.get_fields() if f.name == "themes"), None)
        if field and field.related_model is ThemePage and field.model is model:
            models.append(model)
    return tuple(models)


@functools.cache
def overview_page_models():
    """Every page type that offers an overview filtered on a theme (`theme_overview`)."""
    return tuple(model for model in get_page_models() if "theme_overview" in vars(model))


def has_date_field(model):
    return any(f.name == "date" for f in model._meta.get_fields())


def item_date(page):
    if has_date_field(type(page)):
        return page.date
    moment = page.first_published_at or page.latest_revision_created_at or timezone.now()
    return timezone.localdate(moment)


def newest_first(model):
    """Order by the content's own date where it has one, else by first publication."""
    if has_date_field(model):
        return F("date").desc()
    return F("first_published_at").desc(nulls_last=True)


def live_themes(page):
    return sorted((theme for theme in page.themes.all() if theme.live), key=lambda t: t.title)


def related_pages(page, limit=3, themes=None):
    """Up to `limit` other live pages that share the most (live) themes with `page`, newest
    first among equals (one query per themed content type)."""
    theme_ids = [theme.pk for theme in (live_themes(page) if themes is None else themes)]
    if not theme_ids:
        return []
    candidates = []
    private = private_pages_q()  # once, not once per content type
    for model in themed_page_models():
        candidates += (
            model.objects.live()
            .exclude(private)
            .filter(themes__in=theme_ids)
            .exclude(pk=page.pk)
            .annotate(shared=Count("themes", distinct=True))
            .order_by("-shared", newest_first(model))[:limit]
        )
    candidates.sort(key=lambda p: (p.shared, item_date(p)), reverse=True)
    return candidates[:limit]


def themes_field():
    """The field every content type uses to carry themes."""
    return ParentalManyToManyField(
        "themes.ThemePage", blank=True, related_name="+", verbose_name="Thema's"
    )


def themes_panel():
    return FieldPanel("themes", widget=forms.CheckboxSelectMultiple)
