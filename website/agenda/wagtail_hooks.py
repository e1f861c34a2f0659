from django.contrib import messages
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.admin_views import ReadableIndexView, ReadableInspectView
from website.core.permissions import LimitedActionsPolicy

from .changes import people_told_about
from .dashboard import UpcomingSignupsPanel
from .models import Registration


class RegistrationIndexView(ReadableIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event_date")


class RegistrationViewSet(ModelViewSet):
    """Editors see sign-ups per date (filter) and export them as CSV or Excel."""

    model = Registration
    index_view_class = RegistrationIndexView
    inspect_view_class = ReadableInspectView
    icon = "list-ul"
    menu_label = "Aanmeldingen"
    menu_order = 250
    add_to_admin_menu = True
    name = "aanmeldingen"
    list_display = ["name", "event_title", "event_when", "status", "language_name", "created_at"]
    list_filter = ["event_date", "status"]
    list_export = [
        "event_title",
        "event_start_date",
        "event_when",
        "event_city",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "language_name",
        "access_needs",
        "dietary_wishes",
        "created_at",
        "promoted_at",
    ]
    export_headings = {"get_status_display": "Status", "language_name": "Taal"}
    export_filename = "aanmeldingen"
    search_fields = ["name", "email", "organisation", "event_title"]
    # Status changes go through cancelling (wipes data, moves the waiting list up). Access
    # needs and dietary wishes only come from the person, with their consent.
    panels = [
        FieldPanel("event_title", read_only=True),
        FieldPanel("event_when", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("organisation"),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "event_title",
        "event_when",
        "event_city",
        "status",
        "name",
        "email",
        "organisation",
        "access_needs",
        "dietary_wishes",
        "needs_consented_at",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]


register_permission_policy(Registration, LimitedActionsPolicy(Registration))
registration_viewset = RegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("construct_homepage_panels")
def add_upcoming_signups(request, panels):
    if registration_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(UpcomingSignupsPanel())


@hooks.register("before_publish_page")
def count_from_this_publish(request, page):
    """Forget what an earlier publish without the editor's message (an approval, a script)
    noted for this page, so the message below counts this publish alone."""
    people_told_about(page.pk)


@hooks.register("after_publish_page")
def say_who_hears_of_the_change(request, page):
    """After publishing a new time, place or status: how many people get a mail about it."""
    people = people_told_about(page.pk)
    if people == 1:
        messages.info(
            request, "De persoon die zich aanmeldde, krijgt een e-mail over de wijziging."
        )
    elif people:
        messages.info(
            request,
            f"De {people} mensen die zich aanmeldden, krijgen een e-mail over de wijziging.",
        )
