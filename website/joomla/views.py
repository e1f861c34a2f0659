"""The report "Niet gevonden" (Instellingen): addresses that answered 404 more than a few
times and that no redirect answers yet, each with "Maak een doorverwijzing": Wagtail's own
form for a redirect, with the address filled in."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.views import CreateView
from wagtail.permissions import policy_registry

from . import missed
from .models import MissedAddress

SHOWN = 200


class MayMakeRedirects:
    def dispatch(self, request, *args, **kwargs):
        if not policy_registry.get_by_type(Redirect).user_has_permission(request.user, "add"):
            messages.error(request, "Alleen wie doorverwijzingen mag maken, ziet dit overzicht.")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)


class MissedAddressesView(MayMakeRedirects, WagtailAdminTemplateMixin, TemplateView):
    template_name = "joomla/admin/missed_addresses.html"
    page_title = "Niet gevonden"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = list(missed.report()[:SHOWN])
        return super().get_context_data(**kwargs) | {"rows": rows, "shown": SHOWN}


class RedirectForMissedView(MayMakeRedirects, CreateView):
    """Wagtail's "Doorverwijzing toevoegen" with the missed address filled in; the form is
    sent to Wagtail's own view, which saves it."""

    def get_initial(self):
        missed_address = get_object_or_404(MissedAddress, pk=self.kwargs["pk"])
        return {**super().get_initial(), "old_path": missed_address.path}
