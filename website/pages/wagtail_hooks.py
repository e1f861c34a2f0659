"""The contact messages in the admin: a list, each message readable with its form's labels
(opening marks it read), "Beantwoorden" and "Afgehandeld"; their dashboard panel."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.admin_views import (
    MarkOpenedMixin,
    PostActionsMixin,
    ReadableColumn,
    ReadableIndexView,
    ReadableInspectView,
    display_value,
)
from website.core.permissions import LimitedActionsPolicy

from .dashboard import ContactMessagesPanel
from .models import ContactMessage, ContactPage
from .translations import TranslationsView


class ContactMessageInspectView(MarkOpenedMixin, ReadableInspectView):
    template_name = "pages/admin/contact_message_inspect.html"

    def get_fields_context(self):
        rows = [("Ontvangen", self.object.submit_time), ("Stand", self.object.state)]
        rows += self.object.labelled_data()
        return [
            {"label": label, "value": display_value(value), "component": None}
            for label, value in rows
        ]


class ContactMessageViewSet(PostActionsMixin, ModelViewSet):
    model = ContactMessage
    index_view_class = ReadableIndexView
    inspect_view_class = ContactMessageInspectView
    icon = "mail"
    menu_label = "Contactberichten"
    menu_order = 240
    add_to_admin_menu = True
    name = "contactberichten"
    list_display = [
        "__str__",
        ReadableColumn("state", label="Stand"),
        "sender_email",
        ReadableColumn("submit_time", label="Ontvangen"),
    ]
    list_filter = ["submit_time"]
    search_fields = ["sender_email", "form_data"]
    inspect_view_enabled = True
    form_fields = []

    post_actions = ("handled",)

    def act_handled(self, request, message):
        message.handled_at = None if request.POST.get("undo") else timezone.now()
        message.save(update_fields=["handled_at"])
        if message.handled_at:
            messages.success(request, f"{message} is afgehandeld.")
            return redirect("contactberichten:index")
        return redirect("contactberichten:inspect", message.pk)


register_permission_policy(
    ContactMessage, LimitedActionsPolicy(ContactMessage, forbidden=("add", "change"))
)
contact_message_viewset = ContactMessageViewSet()


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return contact_message_viewset


@hooks.register("construct_homepage_panels")
def add_contact_messages(request, panels):
    if contact_message_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(ContactMessagesPanel())


@hooks.register("filter_form_submissions_for_user")
def contact_messages_apart(user, form_pages):
    """Wagtail's "Formulieren" would show the contact messages without read or handled:
    "Contactberichten" is the one place for them, Formulieren lists the other forms."""
    return form_pages.not_type(ContactPage)


@hooks.register("register_admin_urls")
def translations_url():
    return [path("vertalingen/", TranslationsView.as_view(), name="translations_overview")]


@hooks.register("register_settings_menu_item")
def translations_menu_item():
    """Instellingen > Vertalingen: machine-made translations to check, pages behind."""
    return MenuItem(
        "Vertalingen",
        reverse("translations_overview"),
        icon_name="globe",
        order=450,
    )
