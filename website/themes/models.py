"""Themes connect the network's work: every content type and member can carry themes; a
theme page gathers all of it, newest first, with the organisations that work on it."""

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from website.core.models import BasePage, ImageWithAltMixin


class ThemesIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["themes.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = "Overzicht thema's"

    def get_context(self, request, *args, **kwargs):
        themes = ThemePage.objects.live().public().child_of(self).order_by("title")
        return super().get_context(request, *args, **kwargs) | {"themes": themes}


class ThemePage(ImageWithAltMixin, BasePage):
    content_panels = [*BasePage.content_panels, *ImageWithAltMixin.image_panels]
    parent_page_types = ["themes.ThemesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Thema"
        verbose_name_plural = "Thema's"

    def tagged_items(self, limit=60):
        """Everything on this theme, across content types, newest first (one query per
        content type, however many items there are)."""
        from website.agenda.models import EventDate
        from website.articles.models import ArticlePage
        from website.library.models import PublicationPage
        from website.stories.models import StoryPage

        items = []
        for model, label in ((PublicationPage, None), (ArticlePage, None), (StoryPage, "Verhaal")):
            for page in model.objects.live().public().filter(themes=self).order_by("-date")[:limit]:
                kind = label or getattr(page, "search_kind", None) or page._meta.verbose_name
                items.append((page.date, str(kind), page))
        dates = (
            EventDate.objects.public()
            .filter(page__themes=self)
            .select_related("page")
            .order_by("-start_date")[:limit]
        )
        items += [(d.start_date, "Activiteit", d) for d in dates]
        return sorted(items, key=lambda item: item[0], reverse=True)[:limit]

    def get_context(self, request, *args, **kwargs):
        from website.network.models import MemberOrganisation

        members = MemberOrganisation.objects.filter(themes=self).order_by("name")
        return super().get_context(request, *args, **kwargs) | {
            "items": self.tagged_items(),
            "members": members,
        }


def themes_field():
    """The field every content type uses to carry themes."""
    return ParentalManyToManyField(
        "themes.ThemePage", blank=True, related_name="+", verbose_name="Thema's"
    )


def themes_panel():
    from django import forms

    return FieldPanel("themes", widget=forms.CheckboxSelectMultiple)
