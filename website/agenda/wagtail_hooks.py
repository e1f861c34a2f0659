from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.permissions import LimitedActionsPolicy

from .models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class RegistrationIndexView(generic.IndexView):
    def preprocess_field_value(self, field, value, export_format):
        """Visitors typed these values: never let a spreadsheet read one as a formula."""
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value


class RegistrationViewSet(ModelViewSet):
    """Editors see sign-ups per date (filter) and export them as CSV or Excel."""

    model = Registration
    index_view_class = RegistrationIndexView
    icon = "list-ul"
    menu_label = "Aanmeldingen"
    menu_order = 250
    add_to_admin_menu = True
    name = "aanmeldingen"
    list_display = ["name", "event_title", "event_when", "status", "created_at"]
    list_filter = ["event_date", "status"]
    list_export = [
        "event_title",
        "event_when",
        "status",
        "name",
        "email",
        "organisation",
        "access_needs",
        "dietary_wishes",
        "created_at",
        "promoted_at",
    ]
    export_filename = "aanmeldingen"
    search_fields = ["name", "email", "organisation", "event_title"]
    # Status changes go through cancelling (wipes data, moves the waiting list up). Access
    # needs and dietary wishes only come from the person, with their consent.
    form_fields = ["name", "email", "organisation"]
    inspect_view_enabled = True


register_permission_policy(Registration, LimitedActionsPolicy(Registration))
registration_viewset = RegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset
