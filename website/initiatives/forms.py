from django.utils.translation import gettext_lazy as _

from website.caching.content_cache import remember
from website.core.filters import FilterForm, choice_field
from website.core.geography import PROVINCES
from website.themes.models import ThemePage

from . import municipalities


class InitiativeFilterForm(FilterForm):
    """Province, municipality and theme. Only municipalities and themes that have
    initiatives are offered: a choice that always gives an empty list helps nobody."""

    provincie = choice_field(_("Provincie"), PROVINCES, _("Heel Nederland"))
    gemeente = choice_field(_("Gemeente"), [], _("Alle gemeenten"))
    thema = choice_field(_("Thema"), [], _("Alle thema's"))

    lookups = {"provincie": "province", "gemeente": "municipality", "thema": "themes__slug"}

    def __init__(self, data, index_page):
        super().__init__(data, scope=index_page.pk)
        choices = remember("initiative-filters", lambda: self.choices(index_page), index_page.pk)
        for name, extra in choices.items():
            self.fields[name].choices += extra

    @staticmethod
    def choices(index_page):
        """{field name: [(value, label)]} of the municipalities and themes on offer."""
        initiatives = index_page.initiatives()
        codes = set(initiatives.order_by().values_list("municipality", flat=True).distinct())
        themes = (
            ThemePage.objects.live().public().filter(pk__in=initiatives.order_by().values("themes"))
        )
        return {
            "gemeente": municipalities.grouped_choices(codes),
            "thema": [(t.slug, t.title) for t in themes.order_by("title")],
        }
