import factory
import wagtail_factories

from .models import ThemePage, ThemesIndexPage


class ThemesIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thema's"
    slug = "themas"

    class Meta:
        model = ThemesIndexPage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    introduction = "Wat de leden hieraan doen."

    class Meta:
        model = ThemePage


def tag(page, *themes):
    """Give a page themes and publish it, as an editor would."""
    page.themes.add(*themes)
    page.save_revision().publish()
    return page
