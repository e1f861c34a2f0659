import factory
import wagtail_factories

from .models import InitiativeIndexPage, InitiativePage


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lokale aanpak"
    slug = "lokale-aanpak"
    show_in_menus = True

    class Meta:
        model = InitiativeIndexPage


class InitiativePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Initiatief {n}")
    municipality = "GM1731"  # Midden-Drenthe
    introduction = "Buren helpen elkaar met de administratie."
    website = "https://voorbeeld.nl/"

    class Meta:
        model = InitiativePage
