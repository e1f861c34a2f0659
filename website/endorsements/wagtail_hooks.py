"""Endorsements in the admin ("Steunbetuigingen"): the list with filters and an export to
hand over (CSV or Excel), each endorsement readable, "Naam tonen" / "Naam verbergen" for
names people asked to be shown, and a dashboard panel of names waiting for that."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.admin_views import (
    PostActionsMixin,
    ReadableColumn,
    ReadableIndexView,
    ReadableInspectView,
    display_value,
)
from website.core.dashboard import SHOWN, InboxItem, InboxPanel
from website.core.permissions import LimitedActionsPolicy

from .models import Endorsement


def names_to_look_at():
    return Endorsement.objects.filter(
        status=Endorsement.Status.CONFIRMED, show_name=True, approved=False
    )


class EndorsementIndexView(ReadableIndexView):
    """The list; its export (to hand over) holds confirmed endorsements only, with the
    names people allowed to be shown."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            queryset = queryset.filter(status=Endorsement.Status.CONFIRMED)
        return queryset


class EndorsementInspectView(ReadableInspectView):
    template_name = "endorsements/admin/inspect.html"


class EndorsementViewSet(PostActionsMixin, ModelViewSet):
    model = Endorsement
    index_view_class = EndorsementIndexView
    inspect_view_class = EndorsementInspectView
    icon = "group"
    menu_label = "Steunbetuigingen"
    menu_order = 245
    add_to_admin_menu = True
    name = "steunbetuigingen"
    list_display = [
        "name",
        "organisation",
        "place",
        ReadableColumn("page", label="Steunt"),
        ReadableColumn("show_name", label="Naam tonen"),
        ReadableColumn("approved", label="Goedgekeurd"),
        ReadableColumn("state", label="Stand"),
        ReadableColumn("confirmed_at", label="Bevestigd op"),
    ]
    list_filter = ["status", "approved", "show_name", "page"]
    list_export = ["shown_name", "organisation", "place", "page_title", "confirmed_at"]
    export_headings = {
        "shown_name": "Naam",
        "organisation": "Organisatie",
        "place": "Woonplaats",
        "page_title": "Steunt",
        "confirmed_at": "Bevestigd op",
    }
    export_filename = "steunbetuigingen"
    search_fields = ["name", "organisation", "place", "email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "organisation",
        "place",
        "email",
        "page",
        "show_name",
        "approved",
        "state",
        "created_at",
        "confirmed_at",
    ]
    form_fields = []
    post_actions = ("approve",)

    def get_queryset(self, request):
        return Endorsement.objects.select_related("page")

    def act_approve(self, request, endorsement):
        endorsement.approved = not request.POST.get("undo")
        endorsement.save(update_fields=["approved"])
        if endorsement.approved:
            messages.success(request, f"De naam {endorsement.name} staat nu op de lijst.")
        else:
            messages.success(request, f"De naam {endorsement.name} staat niet meer op de lijst.")
        return redirect("steunbetuigingen:inspect", endorsement.pk)


register_permission_policy(
    Endorsement, LimitedActionsPolicy(Endorsement, forbidden=("add", "change"))
)
endorsement_viewset = EndorsementViewSet()


@hooks.register("register_admin_viewset")
def register_endorsement_viewset():
    return endorsement_viewset


class EndorsementsPanel(InboxPanel):
    name = "endorsements"
    order = 115
    heading = "Namen van steunbetuigingen"
    empty_text = "Er zijn geen namen die je nog moet bekijken."
    all_label = "Alle steunbetuigingen"
    count_label = "te bekijken"

    def items(self):
        return [
            InboxItem(
                title=endorsement.public_line,
                url=reverse("steunbetuigingen:inspect", args=[endorsement.pk]),
                details=[
                    f"Steunt {endorsement.page.title}",
                    "Bevestigd " + display_value(endorsement.confirmed_at),
                ],
                new=True,
            )
            for endorsement in names_to_look_at()
            .select_related("page")
            .order_by("confirmed_at")[:SHOWN]
        ]

    def new_count(self):
        return names_to_look_at().count()

    def all_url(self):
        return reverse("steunbetuigingen:index") + "?approved=false&show_name=true"


@hooks.register("construct_homepage_panels")
def add_endorsements_panel(request, panels):
    if endorsement_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(EndorsementsPanel())
