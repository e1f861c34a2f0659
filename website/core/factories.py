import factory
import wagtail_factories
from wagtail.models import Site

from .models import CustomDocument, CustomImage, HomePage, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = CustomDocument


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
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    return home
