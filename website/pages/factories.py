import factory
import wagtail_factories
from wagtail.models import Page, Site

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Welkom"
    introduction = "Samen voor een samenleving zonder armoede."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    introduction = "Een korte inleiding."
    show_in_menus = True

    class Meta:
        model = StandardPage


def make_home_site():
    """A site whose root is a fresh HomePage (replacing Wagtail's default welcome page)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    return home
