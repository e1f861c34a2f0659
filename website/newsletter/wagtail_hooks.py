from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Site
from wagtail.permissions import register_permission_policy

from website.core.admin_views import ReadableIndexView, ReadableInspectView
from website.core.permissions import LimitedActionsPolicy

from . import admin_views
from .imports import MAX_INVITES, addresses_in, invite
from .models import NewsletterIndexPage, NewsletterPage, Subscriber
from .subscriptions import unsubscribe


class SubscriberIndexView(ReadableIndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "delete"):
            buttons.append(
                HeaderButton(
                    "Adressen uitnodigen", url=reverse("abonnees:invite"), icon_name="mail"
                )
            )
        return buttons


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label="E-mailadressen",
        help_text=(
            "Plak de adressen hier: één per regel, of gescheiden door komma's of puntkomma's. "
            "Iedereen krijgt een e-mail om de aanmelding te bevestigen. Wie niet bevestigt, "
            "krijgt niets en wordt na een paar dagen gewist. Wie zich eerder afmeldde, krijgt "
            "geen e-mail."
        ),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=200_000,
    )

    def clean_addresses(self):
        text = self.cleaned_data["addresses"]
        count = len(addresses_in(text)[0])
        if count > MAX_INVITES:
            raise forms.ValidationError(
                f"Dit zijn {count} adressen. Nodig er maximaal {MAX_INVITES} tegelijk uit: "
                "plak de rest daarna."
            )
        if not count:
            raise forms.ValidationError("Er staat geen e-mailadres in.")
        return text


def counted(number, one, more):
    return f"{number} {one if number == 1 else more}"


class InviteView(FormView):
    """Editors paste a list; nobody is subscribed by it (imports.invite). For those who may
    manage subscribers (the "delete" permission)."""

    form_class = InviteForm
    template_name = "newsletter/admin/invite.html"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        result = invite(form.cleaned_data["addresses"], Site.find_for_request(self.request))
        summary = [counted(len(result.invited), "adres", "adressen") + " uitgenodigd."]
        if result.known:
            summary.append(
                counted(len(result.known), "adres was", "adressen waren")
                + " al bekend en kreeg geen nieuwe e-mail."
            )
        if result.left_before:
            summary.append(
                counted(len(result.left_before), "adres is", "adressen zijn")
                + " eerder afgemeld en kreeg geen e-mail."
            )
        if result.not_addresses:
            shown = ", ".join(result.not_addresses[:10])
            summary.append(f"Niet goed geschreven, dus niet uitgenodigd: {shown}.")
        messages.success(self.request, " ".join(summary))
        return redirect("abonnees:index")


class SubscriberDeleteView(DeleteView):
    """Removing an address in the admin is leaving: the mails about it go too, and an
    invitation cannot bring it back (a suppression), only the person by signing up again."""

    def delete_action(self):
        unsubscribe(self.object)


class SubscriberViewSet(ModelViewSet):
    """Who receives the newsletter. Addresses come only from the public form (double
    opt-in) or an invitation; editors may remove one, never add or change one."""

    model = Subscriber
    index_view_class = SubscriberIndexView
    inspect_view_class = ReadableInspectView
    delete_view_class = SubscriberDeleteView
    icon = "mail"
    menu_label = "Nieuwsbrief-abonnees"
    menu_order = 260
    add_to_admin_menu = True
    name = "abonnees"
    list_display = ["email", "name", "status", "created_at", "consented_at"]
    list_filter = ["status"]
    list_export = ["email", "name", "get_status_display", "consented_at", "consent_version"]
    export_headings = {"get_status_display": "Status"}
    export_filename = "nieuwsbrief-abonnees"
    search_fields = ["email", "name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "created_at",
        "confirmation_sent_at",
        "consented_at",
        "consent_version",
    ]
    form_fields = ["name"]

    def get_urlpatterns(self):
        invite_view = InviteView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("uitnodigen/", invite_view, name="invite")]


register_permission_policy(Subscriber, LimitedActionsPolicy(Subscriber, forbidden=("add",)))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet()


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return [
        path("nieuwsbrieven/", admin_views.newsletters, name="newsletters"),
        path(
            "nieuwsbrief/<int:page_id>/test/",
            admin_views.send_test,
            name="newsletter_send_test",
        ),
        path("nieuwsbrief/<int:page_id>/verzenden/", admin_views.send, name="newsletter_send"),
    ]


class NewslettersMenuItem(MenuItem):
    """Writing a newsletter starts here (it is a page in the tree, hard to find otherwise);
    shown to those who may send one."""

    def is_shown(self, request):
        archive = NewsletterIndexPage.objects.first()
        if archive is None:
            return False
        return archive.permissions_for_user(request.user).can_publish_subpage()


@hooks.register("register_admin_menu_item")
def newsletters_menu_item():
    return NewslettersMenuItem("Nieuwsbrieven", reverse("newsletters"), icon_name="mail", order=255)


class SendTestMenuItem(ActionMenuItem):
    label = "Stuur een test naar mij"
    name = "action-newsletter-test"
    icon_name = "mail"

    def get_url(self, parent_context):
        return reverse("newsletter_send_test", args=[parent_context["page"].pk])


class SendMenuItem(ActionMenuItem):
    label = "Verzenden…"
    name = "action-newsletter-send"
    icon_name = "upload"

    def is_shown(self, context):
        return context["user_page_permissions_tester"].can_send()

    def get_url(self, parent_context):
        return reverse("newsletter_send", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def newsletter_actions(menu_items, request, context):
    """A newsletter is not published by hand: it becomes public when it is sent
    (NewsletterPermissionTester). A new one is saved as a draft first; then its editor gets
    "Stuur een test naar mij" and "Verzenden…"."""
    if context.get("view") == "create" and isinstance(
        context.get("parent_page"), NewsletterIndexPage
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
        return
    page = context.get("page")
    if context.get("view") != "edit" or not isinstance(page, NewsletterPage):
        return
    menu_items.append(SendTestMenuItem(order=60))
    send_item = SendMenuItem(order=70)
    if send_item.is_shown(context):
        menu_items.append(send_item)
