from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.redirects.models import Redirect
from wagtail.permissions import policy_registry

from .views import MissedAddressesView, RedirectForMissedView


@hooks.register("register_admin_urls")
def missed_addresses_urls():
    return [
        path("niet-gevonden/", MissedAddressesView.as_view(), name="missed_addresses"),
        path(
            "niet-gevonden/<int:pk>/doorverwijzing/",
            RedirectForMissedView.as_view(),
            name="missed_address_redirect",
        ),
    ]


class RedirectMakersMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Redirect).user_has_permission(request.user, "add")


@hooks.register("register_settings_menu_item")
def missed_addresses_menu_item():
    """Instellingen > Niet gevonden: old links that lead nowhere yet."""
    return RedirectMakersMenuItem(
        "Niet gevonden", reverse("missed_addresses"), icon_name="warning", order=460
    )
