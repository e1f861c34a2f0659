"""The mail app's part of the admin: the outbox ("Uitgaande e-mail"), read-only, with
"Opnieuw proberen" for mail that could not be delivered, and the dashboard panels for a
missing editors' address and for undelivered mail."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.admin_views import (
    PostActionsMixin,
    ReadableColumn,
    ReadableIndexView,
    ReadableInspectView,
)
from website.core.permissions import LimitedActionsPolicy

from .dashboard import FailedMailPanel, MissingAddressPanel
from .models import OutgoingEmail
from .outbox import try_again
from .recipients import notification_address_missing


class OutboxInspectView(ReadableInspectView):
    template_name = "mail/admin/outbox_inspect.html"


class OutboxViewSet(PostActionsMixin, ModelViewSet):
    """Every mail the site sends, with its status, so a failed delivery is visible. Nothing
    can be added or changed here; the mails expire with the outbox's retention."""

    model = OutgoingEmail
    index_view_class = ReadableIndexView
    inspect_view_class = OutboxInspectView
    icon = "mail"
    menu_label = "Uitgaande e-mail"
    menu_order = 270
    add_to_admin_menu = True
    name = "uitgaande-email"
    list_display = [
        "subject",
        ReadableColumn("to", label="Aan"),
        "status",
        "attempts",
        "created_at",
        ReadableColumn("problem", label="Probleem"),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject",
        "to",
        "cc",
        "reply_to",
        "status",
        "attempts",
        "problem",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "body",
    ]
    form_fields = []

    post_actions = ("retry",)

    def act_retry(self, request, message):
        if try_again(message):
            messages.success(request, f"De e-mail '{message.subject}' wordt opnieuw verstuurd.")
        else:
            messages.info(request, f"De e-mail '{message.subject}' was niet mislukt.")
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("uitgaande-email:index")
        return redirect(back)


register_permission_policy(
    OutgoingEmail, LimitedActionsPolicy(OutgoingEmail, forbidden=("add", "change"))
)
outbox_viewset = OutboxViewSet()


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("construct_homepage_panels")
def add_inbox_warnings(request, panels):
    # For those who handle the inbox (the outbox's readers: Redactie, Beheerder), not for
    # a contributor, who can do nothing about it.
    if not outbox_viewset.permission_policy.user_has_permission(request.user, "view"):
        return
    if notification_address_missing():
        panels.append(MissingAddressPanel())
    undelivered = FailedMailPanel()
    if undelivered.undelivered:
        panels.append(undelivered)
