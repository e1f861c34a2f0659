"""The accounts app in the admin: the second factor's pages, a link in the account page,
a Beheerder's reset in the list of users, and the record of sign-ins for Beheerders."""

from django.urls import path, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from website.core.admin_views import ReadableColumn, ReadableIndexView
from website.core.permissions import LimitedActionsPolicy

from . import second_factor_views as views
from .models import SignInEvent
from .second_factor import may_reset_for_others


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("tweestaps/instellen/", views.setup, name="account_second_factor_setup"),
        path("tweestaps/herstelcodes/", views.codes, name="account_second_factor_codes"),
        path("tweestaps/code/", views.verify, name="account_second_factor_verify"),
        path("tweestaps/", views.manage, name="account_second_factor"),
        path(
            "tweestaps/weghalen/<int:user_id>/",
            views.reset_for,
            name="account_second_factor_reset",
        ),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("account_second_factor"),
        "label": "Tweestapsverificatie",
        "help_text": "Inloggen met je wachtwoord én een code uit een app op je telefoon.",
    }


class MenuButton(Button):
    allow_in_dropdown = True


def users_with_second_factor(request_user):
    """Ids of the accounts with an app set up, asked once per list of users (the hook runs
    for each row): kept on the request's user object, which lives as long as the request."""
    if not hasattr(request_user, "_accounts_with_second_factor"):
        may_reset = may_reset_for_others(request_user)
        ids = set(
            TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)
            if may_reset
            else []
        )
        request_user._accounts_with_second_factor = ids
    return request_user._accounts_with_second_factor


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    if user != request_user and user.pk in users_with_second_factor(request_user):
        yield MenuButton(
            "Tweestapsverificatie weghalen",
            reverse("account_second_factor_reset", args=[user.pk]),
            icon_name="cross",
            priority=50,
        )


class SignInEventIndexView(ReadableIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class SignInEventViewSet(ModelViewSet):
    """Who logged in, who failed and who was refused, for Beheerders (the model's view
    permission, which only their role has); kept SIGN_IN_RECORD_DAYS days."""

    model = SignInEvent
    index_view_class = SignInEventIndexView
    icon = "key"
    menu_label = "Inlogpogingen"
    add_to_settings_menu = True
    name = "inlogpogingen"
    list_display = [
        "at",
        "kind",
        "username",
        ReadableColumn("user", label="Account"),
        "address",
        ReadableColumn("browser_label", label="Browser"),
    ]
    list_filter = ["kind"]
    search_fields = ["username"]
    list_per_page = 50
    form_fields = []
    inspect_view_enabled = False


register_permission_policy(
    SignInEvent, LimitedActionsPolicy(SignInEvent, forbidden=("add", "change", "delete"))
)


@hooks.register("register_admin_viewset")
def register_sign_in_events():
    return SignInEventViewSet()
