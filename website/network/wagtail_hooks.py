from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ChairTerm, MemberOrganisation


class MemberOrganisationViewSet(SnippetViewSet):
    model = MemberOrganisation
    icon = "group"
    menu_label = "Organisaties"
    list_display = ["name", "short_name", "kind", "level"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "short_name"]


class ChairTermViewSet(SnippetViewSet):
    model = ChairTerm
    icon = "user"
    menu_label = "Voorzitterschap"
    list_display = ["person_name", "organisation", "start_date", "end_date"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (MemberOrganisationViewSet, ChairTermViewSet)
    menu_icon = "group"
    menu_label = "Netwerk"
    menu_name = "network"


register_snippet(NetworkViewSetGroup)
